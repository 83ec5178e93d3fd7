import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AsOf } from '../../../shared/schemas/common';
import type { BundleVerification, ImportPreview } from '../../../shared/schemas/sync';
import { AttestError } from '../../main/core/errors';
import { systemClock } from '../../main/core/clock';
import { createBundleFromMlflow } from '../../main/sync/create-bundle';
import type { MarquezOptions } from '../../main/sync/marquez';
import { keyIdOf, parsePrivateKeyPem, parsePublicKeyPem } from '../../main/sync/keys';
import { credentialsFromEnv } from '../../main/sync/mlflow-client';
import { verifyBundleWith } from '../../main/sync/verify-bundle';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { signoffExportCommand } from './signoff';
import { formatJson } from '../format';
import { cliJobControl } from '../progress';
import { call, withMain } from '../with-main';

/** `attest bundle verify`: check a bundle's signature and every member's hash without importing it. */
export const bundleVerifyCommand: Command = {
  name: 'bundle verify',
  summary: "Check a bundle's signature (against the workspace's trusted keys, or --key) and every member's SHA-256, without importing.",
  usage: 'attest bundle verify FILE [--key PUB.pem | --workspace DIR] [--allow-unverified] [--json]',
  options: { ...workspaceOption, ...jsonOption, key: { type: 'string' }, 'allow-unverified': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(args, io) {
    const path = resolve(args.positionals[0] ?? '');
    const allowUnverified = booleanFlag(args, 'allow-unverified');
    const keyFile = stringFlag(args, 'key');
    let result: BundleVerification;
    try {
      result = keyFile
        ? await verifyWithKeyFile(path, resolve(keyFile), allowUnverified)
        : await withMain(args, io, async (main) => bundleOnly(path, await call(main, 'import:verify', { path, allowUnverified })));
    } catch (error) {
      // A bundle that fails its checks is a failed check (exit 1), not bad usage.
      if (!(error instanceof AttestError) || error.code !== 'integrity') throw error;
      io.stdout(booleanFlag(args, 'json') ? formatJson({ ok: false, path, message: error.message, hint: error.hint }) : `NOT VERIFIED: ${error.message}\n  ${error.hint ?? ''}\n`);
      return 1;
    }
    io.stdout(booleanFlag(args, 'json') ? formatJson(result) : renderVerification(result));
    return result.verification === 'verified' ? 0 : 1;
  },
};

/** `bundle verify` checks signed bundles only; other sources are imported (and checked) by `attest import`. */
function bundleOnly(path: string, preview: ImportPreview): BundleVerification {
  if (preview.kind !== 'bundle') {
    throw new AttestError('bad-input', `${path} is not a snapshot bundle (it is ${preview.kind === 'openlineage' ? 'an OpenLineage events file' : 'an mlflow-export-import export'}).`, 'Only bundles carry signatures to verify; import this source with `attest import`.');
  }
  const { kind: _kind, ...verification } = preview;
  return verification;
}

async function verifyWithKeyFile(path: string, keyFile: string, allowUnverified: boolean): Promise<BundleVerification> {
  let pem: string;
  try {
    pem = readFileSync(keyFile, 'utf8');
  } catch {
    throw new AttestError('bad-input', `Cannot read the key file ${keyFile}.`, 'Pass the sender’s .pub.pem file.');
  }
  const key = parsePublicKeyPem(pem, keyFile);
  const keyId = keyIdOf(key);
  return verifyBundleWith(path, (id) => (id === keyId ? { key, label: basename(keyFile) } : null), allowUnverified);
}

function renderVerification(v: BundleVerification): string {
  const sources = [v.sources.registry, v.sources.lineage].filter(Boolean).join(', ') || '-';
  return [
    `${v.verification === 'verified' ? 'VERIFIED' : 'UNVERIFIED'}: ${v.path}`,
    `  ${v.message}`,
    `  observed ${v.observedAt}, sequence ${v.sequence}, scope ${v.scope}, sources ${sources}`,
    `  ${v.members} members, ${v.bytes} bytes`,
    '',
  ].join('\n');
}

/** --marquez URL [--marquez-after DATE]: a date means from the start of that day (UTC); the token from the environment. */
function marquezOptions(url: string | undefined, after: string | undefined, env: NodeJS.ProcessEnv): MarquezOptions | null {
  if (after !== undefined && url === undefined) throw new AttestError('bad-request', '--marquez-after needs --marquez URL.', `Usage: ${bundleCreateCommand.usage}`);
  if (url === undefined) return null;
  if (after !== undefined && !AsOf.safeParse(after).success) {
    throw new AttestError('bad-request', `--marquez-after "${after}" is not a date (2026-03-31) or a time with offset (2026-03-31T12:00:00Z).`);
  }
  const from = after === undefined ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(after) ? `${after}T00:00:00.000Z` : new Date(after).toISOString();
  return { url, ...(from ? { after: from } : {}), ...(env.ATTEST_MARQUEZ_TOKEN ? { token: env.ATTEST_MARQUEZ_TOKEN } : {}) };
}

/** `attest bundle create`: capture a live MLflow registry (and OpenLineage files) into a signed bundle. */
export const bundleCreateCommand: Command = {
  name: 'bundle create',
  summary: 'Write a signed snapshot bundle from a live MLflow server, OpenLineage event files and a Marquez server, or (--attestations) a return bundle of the sign-offs made here.',
  usage:
    'attest bundle create --url MLFLOW_URL --out FILE --sign KEY.key.pem [--lineage FILE]... [--marquez URL [--marquez-after DATE]] [--sequence N] [--json]\n       attest bundle create --attestations [--since DATE] --out FILE --sign KEY.key.pem [--workspace DIR] [--json]',
  options: {
    ...jsonOption,
    ...workspaceOption,
    url: { type: 'string' },
    out: { type: 'string' },
    sign: { type: 'string' },
    lineage: { type: 'string', multiple: true },
    marquez: { type: 'string' },
    'marquez-after': { type: 'string' },
    sequence: { type: 'string' },
    attestations: { type: 'boolean' },
    since: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    // The air-gapped room's way out: sign-offs made here travel back in a signed return bundle.
    if (booleanFlag(args, 'attestations')) return signoffExportCommand.run(args, io);
    const [url, out, sign] = [stringFlag(args, 'url'), stringFlag(args, 'out'), stringFlag(args, 'sign')];
    if (!url || !out || !sign) throw new AttestError('bad-request', 'attest bundle create needs --url, --out and --sign.', `Usage: ${bundleCreateCommand.usage}`);
    const sequence = stringFlag(args, 'sequence');
    if (sequence !== undefined && !/^\d+$/.test(sequence)) throw new AttestError('bad-request', `--sequence "${sequence}" is not a whole number.`);
    let pem: string;
    try {
      pem = readFileSync(resolve(sign), 'utf8');
    } catch {
      throw new AttestError('bad-input', `Cannot read the signing key ${resolve(sign)}.`, 'Pass the .key.pem written by `attest keys generate`.');
    }
    const marquez = marquezOptions(stringFlag(args, 'marquez'), stringFlag(args, 'marquez-after'), io.env);
    const lineage = Array.isArray(args.values.lineage) ? args.values.lineage.filter((f): f is string => typeof f === 'string').map((f) => resolve(f)) : [];
    const manifest = await createBundleFromMlflow(
      resolve(out),
      { mlflow: { url, ...credentialsFromEnv(io.env) }, lineageFiles: lineage, ...(marquez ? { marquez } : {}), ...(sequence ? { sequence: Number(sequence) } : {}) },
      parsePrivateKeyPem(pem, sign),
      systemClock,
      cliJobControl(io),
    );
    const records = manifest.members.map((m) => `${m.records ?? 0} ${m.kind}`).join(', ');
    io.stdout(booleanFlag(args, 'json') ? formatJson(manifest) : `Wrote ${resolve(out)}: observed ${manifest.observedAt}, sequence ${manifest.sequence}; ${records}.\n`);
    return 0;
  },
};
