import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CredentialStatus } from '../../../shared/schemas/credentials';
import { IsoTime } from '../../../shared/schemas/common';
import { AttestError } from '../core/errors';
import { credentialsFromEnv, normaliseServerUrl } from '../sync/mlflow-client';
import type { Keychain } from './keychain';

/** What a sync sends to a server: a bearer token, or basic-auth username and password (from the environment). */
export interface ServerCredentials {
  token?: string;
  username?: string;
  password?: string;
}

const Entry = z
  .object({
    /** What the ciphertext holds: a bearer token, or a username and password for HTTP basic auth. */
    kind: z.enum(['bearer-token', 'basic-auth']),
    backend: z.string(),
    savedAt: IsoTime,
    savedBy: z.string(),
    ciphertext: z.base64(),
  })
  .strict();
const StoreFile = z
  .object({ format: z.literal('attest-credentials/1'), servers: z.record(z.string(), Entry) })
  .strict();
type StoreFile = z.infer<typeof StoreFile>;
// The server is sealed with the secret, so a ciphertext copied to another server's entry in the file is refused
// instead of sending that secret to a server it was never meant for.
const Sealed = z.union([
  z.object({ server: z.string(), token: z.string() }).strict(),
  z.object({ server: z.string(), username: z.string(), password: z.string() }).strict(),
]);
type Sealed = z.infer<typeof Sealed>;

/** A sign-in typed in the Live sync panel: a bearer token, or a username and password (MLflow basic auth). */
export type SignIn = { token: string } | { username: string; password: string };

/**
 * Sign-ins for live-sync servers (a bearer token, or a username and password), encrypted by the OS keychain and
 * kept in one file keyed by server address; the file holds only ciphertext (the username included). Without a
 * keychain nothing can be saved, and credentials come from the environment.
 */
export class CredentialStore {
  constructor(
    private readonly file: string,
    private readonly keychain: Keychain,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** What a sync to `url` would send, and whether a token can be saved here. Never the secret. */
  status(url: string): CredentialStatus {
    const server = normaliseServerUrl(url);
    const entry = this.read().servers[server] ?? null;
    const saved = entry ? { kind: entry.kind, savedAt: entry.savedAt, savedBy: entry.savedBy, backend: entry.backend } : null;
    const keychain = this.keychain.available
      ? {
          available: true,
          backend: this.keychain.encryptor.backend,
          message: `Sign-ins are encrypted with the OS keychain (${this.keychain.encryptor.backend}).`,
        }
      : { available: false, backend: null, message: this.keychain.reason };
    const source = entry && this.keychain.available ? 'keychain' : envSource(this.env);
    return { server, keychain, saved, source, message: sourceMessage(source, saved, this.env) };
  }

  /** Encrypt `signIn` with the keychain and keep it for `url`, in place of any before; refused (nothing written) without a keychain. */
  save(url: string, signIn: SignIn, savedBy: string, at: string): CredentialStatus {
    const server = normaliseServerUrl(url);
    if (!this.keychain.available)
      throw new AttestError('unsupported', `The sign-in was not saved. ${this.keychain.reason}`);
    const { encryptor } = this.keychain;
    const sealed: Sealed = 'token' in signIn ? { server, token: signIn.token } : { server, username: signIn.username, password: signIn.password };
    const ciphertext = encryptor.encrypt(JSON.stringify(sealed)).toString('base64');
    const content = this.read();
    content.servers[server] = {
      kind: 'token' in signIn ? 'bearer-token' : 'basic-auth',
      backend: encryptor.backend,
      savedAt: at,
      savedBy,
      ciphertext,
    };
    this.write(content);
    return this.status(server);
  }

  /** Remove the sign-in kept for `url`; `removed` is false when there was none. */
  forget(url: string): { removed: boolean; status: CredentialStatus } {
    const server = normaliseServerUrl(url);
    const content = this.read();
    const removed = server in content.servers;
    if (removed) {
      delete content.servers[server];
      this.write(content);
    }
    return { removed, status: this.status(server) };
  }

  /** The credentials a sync to `url` sends: the saved sign-in when the keychain can open it, else the environment's. */
  credentialsFor(url: string): ServerCredentials {
    const server = normaliseServerUrl(url);
    const entry = this.read().servers[server];
    if (!entry || !this.keychain.available) return credentialsFromEnv(this.env);
    let sealed: Sealed;
    try {
      sealed = Sealed.parse(
        JSON.parse(this.keychain.encryptor.decrypt(Buffer.from(entry.ciphertext, 'base64'))),
      );
    } catch {
      throw new AttestError(
        'unsupported',
        `The sign-in saved for ${server} cannot be opened with this user's keychain (it was saved by another account or machine, or the keychain was reset).`,
        'Save it again in the Live sync panel, or forget it to use the environment.',
      );
    }
    if (sealed.server !== server) {
      throw new AttestError(
        'integrity',
        `The sign-in saved for ${server} was sealed for another server (${sealed.server}); it was not sent.`,
        'The credentials file was altered. Forget this sign-in and save it again.',
      );
    }
    return 'token' in sealed ? { token: sealed.token } : { username: sealed.username, password: sealed.password };
  }

  private read(): StoreFile {
    if (!existsSync(this.file)) return { format: 'attest-credentials/1', servers: {} };
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      value = null;
    }
    const parsed = StoreFile.safeParse(value);
    if (!parsed.success) {
      throw new AttestError(
        'bad-input',
        `The credentials file ${this.file} is damaged.`,
        'Delete it and save the sign-ins again; it holds only encrypted sign-ins.',
      );
    }
    return parsed.data;
  }

  private write(content: StoreFile): void {
    if (Object.keys(content.servers).length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const partial = `${this.file}.partial`;
    writeFileSync(partial, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(partial, 0o600);
    renameSync(partial, this.file);
  }
}

function envSource(env: NodeJS.ProcessEnv): 'environment' | 'none' {
  return Object.keys(credentialsFromEnv(env)).length > 0 ? 'environment' : 'none';
}

function sourceMessage(
  source: CredentialStatus['source'],
  saved: CredentialStatus['saved'],
  env: NodeJS.ProcessEnv,
): string {
  const what = saved?.kind === 'basic-auth' ? 'username and password' : 'token';
  if (source === 'keychain' && saved)
    return `A sync sends the ${what} saved in the OS keychain (${saved.backend}) on ${saved.savedAt} by ${saved.savedBy}.`;
  const unusable = saved
    ? ` A ${what} is saved for this server, but there is no keychain here to open it.`
    : '';
  if (source === 'environment') {
    const names = credentialsFromEnv(env).token
      ? 'ATTEST_MLFLOW_TOKEN'
      : 'ATTEST_MLFLOW_USERNAME and ATTEST_MLFLOW_PASSWORD';
    return `A sync sends the credentials from ${names} in the environment.${unusable}`;
  }
  return `A sync sends no credentials (none saved, none in the environment).${unusable}`;
}
