import { z } from 'zod';

/** Error codes carried across every boundary (IPC, loopback, CLI exit codes). */
export const ErrorCode = z.enum([
  'bad-request', // the request itself is malformed (schema validation failed)
  'bad-input', // a file, bundle, or value the user supplied is wrong
  'not-found', // the thing asked for does not exist
  'conflict', // the operation clashes with the current state (e.g. workspace locked)
  'integrity', // a hash, signature or chain check failed
  'check-failed', // the operation ran and its verdict is negative (replay differs, log broken)
  'unsupported', // cannot be done on this machine or with this input, for a stated reason
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** An error as it crosses a boundary: what was wrong and what to do about it. */
export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** Result envelope returned by every channel: Error objects lose their fields across the bridge. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Schema of an envelope around a given value schema. */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorPayload }),
  ]);
}
