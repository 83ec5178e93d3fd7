import type { z } from 'zod';
import {
  AttestationRecord,
  DecisionRecord,
  LoggedModelRecord,
  type MemberKind,
  ModelVersionRecord,
  OutcomeRecord,
  RegisteredModelRecord,
  RunRecord,
} from '../../../shared/schemas/bundle';
import { OpenLineageEvent } from '../../../shared/schemas/lineage';
import { AttestError, locate } from '../core/errors';

/** The first entry of every bundle: the signed table of contents. */
export const MANIFEST_PATH = 'manifest.json';
/** The second entry: the detached Ed25519 signature over manifest.json's exact bytes. */
export const SIGNATURE_PATH = 'manifest.sig';
/** Where artifact members live: `artifacts/<sha256>`. */
export const ARTIFACTS_PREFIX = 'artifacts/';

/** The producer written into manifests. */
export const PRODUCER = { name: 'attest', version: '1' } as const;

/** Upper bound on manifest.json and manifest.sig, so a hostile bundle cannot make us buffer gigabytes. */
export const MAX_HEADER_ENTRY_BYTES = 16 * 1024 * 1024;

/** The zod schema every record of a JSON-lines member of `kind` must satisfy. */
export const RECORD_SCHEMAS: Record<Exclude<MemberKind, 'artifact'>, z.ZodType> = {
  'registered-models': RegisteredModelRecord,
  'model-versions': ModelVersionRecord,
  'logged-models': LoggedModelRecord,
  runs: RunRecord,
  'openlineage-events': OpenLineageEvent,
  decisions: DecisionRecord,
  outcomes: OutcomeRecord,
  attestations: AttestationRecord,
};

/**
 * `value` parsed with its kind's record schema, or the first issue as an error naming `where`, `line` and the
 * field. Shared by the main thread and the decision-lines worker, so both refuse with the same words.
 */
export function checkRecord(kind: Exclude<MemberKind, 'artifact'>, value: unknown, where: string, line?: number): unknown {
  const parsed = RECORD_SCHEMAS[kind].safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestError('bad-input', `${locate(where, line)}: ${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}.`, `Every ${kind} record must match the bundle format (docs/bundle-format.md).`);
}

/**
 * Refuse member paths that could escape an extraction folder or collide with the header entries:
 * absolute paths, `..` segments, backslashes, empty segments, control characters.
 */
export function assertSafeMemberPath(path: string, where: string): void {
  const reason = unsafePathReason(path);
  if (reason !== null) {
    throw new AttestError(
      'integrity',
      `${where}: entry path "${path}" is not allowed (${reason}).`,
      'The bundle was not written by Attest or was tampered with; ask the sender for a fresh copy.',
    );
  }
}

function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'empty';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'absolute path';
  if (path.includes('\\')) return 'backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character';
  const segments = path.split('/');
  if (segments.includes('..')) return 'escapes the archive with ..';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." segment';
  return null;
}

/** Fixed tar header fields, so the same content gives byte-identical bundles. */
export function fixedHeader(name: string, size: number, mtime: Date) {
  return { name, size, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', type: 'file' as const };
}
