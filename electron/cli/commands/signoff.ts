import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Attestation } from '../../../shared/schemas/governance';
import { AttestationDecision, AttestationRole } from '../../../shared/schemas/governance';
import { toIso } from '../../main/core/clock';
import { AttestError } from '../../main/core/errors';
import { createReturnBundle } from '../../main/governance/return-bundle';
import { parsePrivateKeyPem } from '../../main/sync/keys';
import { type Command, type CommandArgs, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson, formatTable, shortHash } from '../format';
import { call, withMain } from '../with-main';

/** `attest signoff`: record an attestation for a model version or a pack as the current user. */
export const signoffCommand: Command = {
  name: 'signoff',
  summary: 'Sign off a model version or a pack: role (owner, validator, compliance, auditor) and decision.',
  usage:
    'attest signoff (--model NAME --version V | --pack ID) --role owner|validator|compliance|auditor ' +
    '--decision approve|reject|approve-with-conditions [--comment TEXT] [--workspace DIR] [--json]',
  options: {
    ...workspaceOption,
    ...jsonOption,
    model: { type: 'string' },
    version: { type: 'string' },
    pack: { type: 'string' },
    role: { type: 'string' },
    decision: { type: 'string' },
    comment: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const request = signoffRequest(args);
    return withMain(args, io, async (main) => {
      const attestation = await call(main, 'attestations:create', request);
      const r = attestation.record;
      io.stdout(
        booleanFlag(args, 'json')
          ? formatJson(attestation)
          : `Recorded: ${r.actorName} (${r.role}) ${r.decision} ${target(attestation)} at ${r.createdAt}\n` +
              `Attestation ${r.attestationUid}, fingerprint ${attestation.recordSha256}\n`,
      );
      return 0;
    }, { lockFor: 'attest signoff' });
  },
};

function signoffRequest(args: CommandArgs) {
  const role = AttestationRole.safeParse(stringFlag(args, 'role'));
  const decision = AttestationDecision.safeParse(stringFlag(args, 'decision'));
  if (!role.success) throw new AttestError('bad-request', `--role must be one of ${AttestationRole.options.join(', ')}.`, `Usage: ${signoffCommand.usage}`);
  if (!decision.success) {
    throw new AttestError('bad-request', `--decision must be one of ${AttestationDecision.options.join(', ')}.`, `Usage: ${signoffCommand.usage}`);
  }
  const pack = stringFlag(args, 'pack');
  const model = stringFlag(args, 'model');
  const version = stringFlag(args, 'version');
  return {
    scope: pack ? ('pack' as const) : ('model_version' as const),
    ...(pack ? { packId: pack } : {}),
    ...(model ? { model } : {}),
    ...(version ? { version } : {}),
    role: role.data,
    decision: decision.data,
    comment: stringFlag(args, 'comment') ?? '',
  };
}

/** `attest signoff list`: the sign-offs recorded for a model, a version or a pack. */
export const signoffListCommand: Command = {
  name: 'signoff list',
  summary: 'List sign-offs (attestations), oldest first, optionally for one model, version or pack.',
  usage: 'attest signoff list [--model NAME] [--version V] [--pack ID] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, model: { type: 'string' }, version: { type: 'string' }, pack: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const model = stringFlag(args, 'model');
      const version = stringFlag(args, 'version');
      const packId = stringFlag(args, 'pack');
      const list = await call(main, 'attestations:list', { ...(model ? { model } : {}), ...(version ? { version } : {}), ...(packId ? { packId } : {}) });
      io.stdout(booleanFlag(args, 'json') ? formatJson(list) : renderList(list));
      return 0;
    }),
};

/** `attest signoff export`: the signed return bundle that carries sign-offs out of the air-gapped room. */
export const signoffExportCommand: Command = {
  name: 'signoff export',
  summary: 'Write a signed return bundle with the sign-offs made here (same as `bundle create --attestations`).',
  usage: 'attest signoff export --out FILE --sign KEY.pem [--since DATE] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, out: { type: 'string' }, sign: { type: 'string' }, since: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const out = stringFlag(args, 'out');
    const keyPath = stringFlag(args, 'sign');
    if (!out || !keyPath) throw new AttestError('bad-request', 'signoff export needs --out FILE and --sign KEY.pem.', `Usage: ${signoffExportCommand.usage}`);
    const signingKey = parsePrivateKeyPem(readKey(keyPath), keyPath);
    return withMain(args, io, async (main) => {
      const since = stringFlag(args, 'since');
      const result = await createReturnBundle(main.ctx.workspace.db, main.ctx.actor, toIso(main.ctx.clock.now()), {
        outPath: resolve(out),
        signingKey,
        ...(since ? { since } : {}),
      });
      io.stdout(
        booleanFlag(args, 'json')
          ? formatJson({ path: result.path, attestations: result.attestations, sequence: result.manifest.sequence })
          : `Wrote return bundle ${result.path}: ${result.attestations} attestation(s), sequence ${result.manifest.sequence}.\n`,
      );
      return 0;
    }, { lockFor: 'attest signoff export' });
  },
};

function readKey(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch {
    throw new AttestError('not-found', `Cannot read the signing key ${path}.`, 'Give --sign the PEM private key file of this workstation.');
  }
}

function target(a: Attestation): string {
  const r = a.record;
  return r.scope === 'pack' ? `pack ${r.packId ?? ''}` : `${r.modelName ?? ''} version ${r.modelVersion ?? ''}`;
}

function renderList(list: Attestation[]): string {
  if (list.length === 0) return 'No sign-offs recorded. Record one with `attest signoff`.\n';
  const rows = list.map((a) => [
    a.record.createdAt,
    target(a),
    a.record.role,
    a.record.decision,
    a.record.actorName,
    a.origin,
    shortHash(a.recordSha256),
    a.record.comment.length > 40 ? `${a.record.comment.slice(0, 39)}…` : a.record.comment,
  ]);
  return formatTable(['TIME', 'OBJECT', 'ROLE', 'DECISION', 'SIGNED BY', 'ORIGIN', 'FINGERPRINT', 'COMMENT'], rows);
}
