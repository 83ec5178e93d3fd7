import { resolve } from 'node:path';
import { PackGenerated } from '../../../shared/ipc/channels/packs';
import { type PackVerification, OfficerRole, PackKind } from '../../../shared/schemas/pack';
import { AttestError } from '../../main/core/errors';
import { verifyPackFile } from '../../main/packs/verify';
import { type Command, type CommandArgs, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson } from '../format';
import { call, withMain } from '../with-main';

function requestOf(args: CommandArgs) {
  const kind = PackKind.safeParse(stringFlag(args, 'kind'));
  const model = stringFlag(args, 'model');
  const version = stringFlag(args, 'version');
  const out = stringFlag(args, 'out');
  if (!kind.success || !model || !version || !out) {
    throw new AttestError('bad-request', 'Say which pack to make: --kind eu-ai-act|model-risk|decision, --model NAME, --version V and --out FILE.', `Usage: ${packCommand.usage}`);
  }
  const decisionId = stringFlag(args, 'decision');
  if (kind.data === 'decision' && !decisionId) throw new AttestError('bad-request', 'A decision pack needs --decision ID.', `Usage: ${packCommand.usage}`);
  const role = stringFlag(args, 'role');
  const parsedRole = role === undefined ? undefined : OfficerRole.safeParse(role);
  if (parsedRole && !parsedRole.success) throw new AttestError('bad-request', `Unknown role "${role}".`, `Roles: ${OfficerRole.options.join(', ')}.`);
  const asOf = stringFlag(args, 'as-of');
  return {
    kind: kind.data, model, version, outFile: resolve(out),
    ...(decisionId ? { decisionId } : {}), ...(asOf ? { asOf } : {}), ...(parsedRole?.success ? { role: parsedRole.data } : {}),
  };
}

/** `attest pack`: generate an audit pack PDF with its JSON sidecar (the same job the Packs screen runs). */
export const packCommand: Command = {
  name: 'pack',
  summary: 'Generate an audit pack (EU AI Act, model risk, or one decision) as PDF plus JSON sidecar.',
  usage: 'attest pack --kind eu-ai-act|model-risk|decision --model NAME --version V [--decision ID] [--as-of DATE] [--role ROLE] --out FILE [--json] [--workspace DIR]',
  options: {
    ...workspaceOption, ...jsonOption,
    kind: { type: 'string' }, model: { type: 'string' }, version: { type: 'string' }, decision: { type: 'string' },
    'as-of': { type: 'string' }, role: { type: 'string' }, out: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const request = requestOf(args);
    return withMain(args, io, async (main) => {
      const { jobId } = await call(main, 'packs:generate', request);
      const quiet = booleanFlag(args, 'json');
      const unsubscribe = main.ctx.bus.subscribe((name, payload) => {
        const p = payload as { jobId?: string; message?: string };
        if (!quiet && name === 'job:progress' && p.jobId === jobId) io.stderr(`${p.message ?? ''}\n`);
      });
      void io.interrupted.then(() => main.ctx.jobs.cancel(jobId));
      const status = await main.ctx.jobs.wait(jobId).finally(unsubscribe);
      if (status.state !== 'succeeded') {
        const e = status.error ?? { code: 'internal' as const, message: `Pack generation ended as ${status.state}.` };
        throw new AttestError(e.code, e.message, e.hint, e.details);
      }
      const pack = PackGenerated.parse(status.result);
      io.stdout(quiet ? formatJson(pack) : `Pack ${pack.packId} (${pack.kind}) for ${pack.model ?? ''} v${pack.version ?? ''} as of ${pack.asOf}: ${pack.gapCount} gaps\n  PDF      ${pack.pdfFile}\n           sha256 ${pack.pdfSha256}\n  sidecar  ${pack.sidecarFile}\n           sha256 ${pack.sidecarSha256}\n`);
      return 0;
    }, { lockFor: 'attest pack' });
  },
};

function renderVerification(v: PackVerification): string {
  const lines = v.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(12)}${c.detail}`);
  return `${v.ok ? 'VERIFIED' : 'NOT VERIFIED'}: ${v.file}${v.packId ? ` (pack ${v.packId})` : ''}\n${lines.join('\n')}\n`;
}

/** `attest pack verify FILE`: recompute the fingerprint and hashes and check them against the sidecar. */
export const packVerifyCommand: Command = {
  name: 'pack verify',
  summary: 'Check a pack PDF against its sidecar (fingerprint, PDF hash, byte-identical re-render; register with --workspace).',
  usage: 'attest pack verify FILE [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption },
  positionals: { min: 1, max: 1 },
  run: async (args, io) => {
    const file = resolve(args.positionals[0] ?? '');
    const result = stringFlag(args, 'workspace') || io.env.ATTEST_WORKSPACE
      ? await withMain(args, io, (main) => call(main, 'packs:verify', { file }))
      : await verifyPackFile(file);
    io.stdout(booleanFlag(args, 'json') ? formatJson(result) : renderVerification(result));
    return result.ok ? 0 : 1;
  },
};

/** The pack commands, listed together in `attest --help`. */
export const packCommands: readonly Command[] = [packCommand, packVerifyCommand];
