import { z } from 'zod';
import { IsoTime } from './common';

/** Where the credentials for a live sync come from; the secret itself never leaves main. */
export const CredentialSource = z.enum(['keychain', 'environment', 'none']);
export type CredentialSource = z.infer<typeof CredentialSource>;

/**
 * What the Live sync panel may know about a server's credentials: whether a keychain exists here, whether a
 * sign-in is saved for the server (which kind, when, by whom) and which credentials a sync would send. Never the
 * secret.
 */
export const CredentialStatus = z
  .object({
    /** The server address as credentials are keyed (no trailing slash, no credentials in it). */
    server: z.string(),
    keychain: z
      .object({ available: z.boolean(), backend: z.string().nullable(), message: z.string() })
      .strict(),
    /** The sign-in saved for the server: its kind, when and by whom (never the secret, nor the username). */
    saved: z
      .object({ kind: z.enum(['bearer-token', 'basic-auth']), savedAt: IsoTime, savedBy: z.string(), backend: z.string() })
      .strict()
      .nullable(),
    source: CredentialSource,
    /** One sentence: what a sync to this server would send. */
    message: z.string(),
  })
  .strict();
export type CredentialStatus = z.infer<typeof CredentialStatus>;
