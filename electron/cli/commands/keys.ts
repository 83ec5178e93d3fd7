import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { TrustedKey } from '../../../shared/schemas/sync';
import { AttestError } from '../../main/core/errors';
import { generateSigningKeyPair, keyIdOf, privateKeyPem, publicKeyPem } from '../../main/sync/keys';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson, formatTable } from '../format';
import { call, withMain } from '../with-main';

/** `attest keys generate`: a new Ed25519 key pair for signing bundles on the connected side. */
export const keysGenerateCommand: Command = {
  name: 'keys generate',
  summary: 'Create an Ed25519 key pair for signing bundles: NAME.key.pem (keep secret) and NAME.pub.pem (give to auditors).',
  usage: 'attest keys generate --out DIR [--name NAME] [--json]',
  options: { ...jsonOption, out: { type: 'string' }, name: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run(args, io) {
    const out = stringFlag(args, 'out');
    if (!out) return Promise.reject(new AttestError('bad-request', 'attest keys generate needs --out DIR.', 'Usage: attest keys generate --out DIR [--name NAME]'));
    const name = stringFlag(args, 'name') ?? 'attest-signing';
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.reject(new AttestError('bad-request', `Key name "${name}" may only use letters, digits, dot, dash and underscore.`));
    const dir = resolve(out);
    const privatePath = join(dir, `${name}.key.pem`);
    const publicPath = join(dir, `${name}.pub.pem`);
    for (const path of [privatePath, publicPath]) {
      if (existsSync(path)) return Promise.reject(new AttestError('conflict', `${path} already exists; a signing key is never overwritten.`, 'Choose another --name or folder.'));
    }
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateSigningKeyPair();
    // The private key is readable by its owner only: anyone who can read it can sign bundles in this name.
    writeFileSync(privatePath, privateKeyPem(privateKey), { mode: 0o600, flag: 'wx' });
    writeFileSync(publicPath, publicKeyPem(publicKey), { mode: 0o644, flag: 'wx' });
    const keyId = keyIdOf(publicKey);
    io.stdout(
      booleanFlag(args, 'json')
        ? formatJson({ keyId, privateKey: privatePath, publicKey: publicPath })
        : `Key ${keyId}\n  private  ${privatePath}  (keep secret; used by attest bundle create --sign)\n  public   ${publicPath}  (give to auditors: attest keys trust ${basename(publicPath)})\n`,
    );
    return Promise.resolve(0);
  },
};

/** `attest keys trust`: trust a sender's public key for bundle imports in this workspace. */
export const keysTrustCommand: Command = {
  name: 'keys trust',
  summary: 'Trust a bundle signing public key (PEM) in this workspace; audited.',
  usage: 'attest keys trust FILE [--label TEXT] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, label: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  run: (args, io) => {
    const file = resolve(args.positionals[0] ?? '');
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch {
      return Promise.reject(new AttestError('bad-input', `Cannot read the key file ${file}.`, 'Pass the .pub.pem file the sender gave you.'));
    }
    const label = stringFlag(args, 'label') ?? basename(file);
    return withMain(args, io, async (main) => {
      const result = await call(main, 'keys:trust', { publicKeyPem: pem, label });
      io.stdout(
        booleanFlag(args, 'json')
          ? formatJson(result)
          : result.alreadyTrusted
            ? `Key ${result.key.keyId} (${result.key.label}) was already trusted; nothing changed.\n`
            : `Trusted key ${result.key.keyId} (${result.key.label}). Bundles it signs now import as verified.\n`,
      );
      return 0;
    }, { lockFor: 'attest keys trust' });
  },
};

/** `attest keys list`: the workspace's trusted keys. */
export const keysListCommand: Command = {
  name: 'keys list',
  summary: 'List the bundle signing keys this workspace trusts.',
  usage: 'attest keys list [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption },
  positionals: { min: 0, max: 0 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const keys = await call(main, 'keys:list', {});
      io.stdout(booleanFlag(args, 'json') ? formatJson(keys) : renderKeys(keys));
      return 0;
    }),
};

function renderKeys(keys: TrustedKey[]): string {
  if (keys.length === 0) return 'No trusted keys. Trust a sender with `attest keys trust KEY.pub.pem`.\n';
  return formatTable(
    ['KEY ID', 'LABEL', 'ADDED', 'BY', 'STATUS'],
    keys.map((k) => [k.keyId, k.label, k.addedAt, k.addedBy, k.revokedAt ? `revoked ${k.revokedAt}` : 'trusted']),
  );
}

/** Every `attest keys …` command. */
export const keysCommands: readonly Command[] = [keysGenerateCommand, keysTrustCommand, keysListCommand];
