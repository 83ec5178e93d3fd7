import { z } from 'zod';
import { IsoTime, Sha256 } from './common';

/**
 * Governance records: the tamper-evident audit log and attestations (sign-offs).
 * The audit-log chain and export format are documented in docs/audit-log.md.
 */

/** One audit-log row as stored, with the chain fields. */
export const AuditEvent = z.object({
  id: z.number().int().positive(),
  at: IsoTime,
  actor: z.string(),
  actorName: z.string(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The exact canonical JSON text the hash covers. */
  detailsJson: z.string(),
  prevHash: Sha256,
  hash: Sha256,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** Filter and page through the audit log, newest first. */
export const AuditListRequest = z
  .object({
    action: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    objectType: z.string().min(1).optional(),
    objectId: z.string().min(1).optional(),
    /** Inclusive lower bound on `at`. */
    from: IsoTime.optional(),
    /** Exclusive upper bound on `at`. */
    to: IsoTime.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict();
export type AuditListRequest = z.input<typeof AuditListRequest>;

export const AuditPage = z.object({
  events: z.array(AuditEvent),
  /** Rows matching the filter, across all pages. */
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** Why a link of the chain is broken. */
export const AuditBreakKind = z.enum([
  /** The row's content no longer matches the hash stored with it. */
  'content-mismatch',
  /** The row's prev_hash is not the hash of the row before it (row rewritten with a fresh hash, or rows removed). */
  'link-mismatch',
  /** A stored value is not in the form the log writes (not a hash, not a timestamp). */
  'malformed',
]);
export type AuditBreakKind = z.infer<typeof AuditBreakKind>;

/** The first broken link: which row, and what differs. */
export const AuditBreak = z.object({
  rowId: z.number().int(),
  kind: AuditBreakKind,
  field: z.string(),
  expected: z.string(),
  found: z.string(),
  message: z.string(),
});
export type AuditBreak = z.infer<typeof AuditBreak>;

/** The verdict of walking the whole chain. */
export const AuditVerification = z.object({
  ok: z.boolean(),
  rowCount: z.number().int().nonnegative(),
  /** Hash of the last row (the genesis value for an empty log): quote it to anchor the log. */
  headHash: Sha256,
  firstBreak: AuditBreak.nullable(),
  /** False when the append-only triggers were dropped: the chain still tells whether rows changed. */
  appendOnlyEnforced: z.boolean(),
  /** When an expected head was given: does the log still end there (or pass through it)? */
  anchor: z.object({ expectedHead: Sha256, found: z.boolean(), atRowId: z.number().int().nullable() }).nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AuditVerifyRequest = z.object({ expectHead: Sha256.optional() }).strict();

export const AuditExportRequest = z.object({ outPath: z.string().min(1) }).strict();
export const AuditExportResult = z.object({
  path: z.string(),
  rowCount: z.number().int().nonnegative(),
  headHash: Sha256,
  verification: AuditVerification,
});
export type AuditExportResult = z.infer<typeof AuditExportResult>;

export const AttestationScope = z.enum(['model_version', 'pack']);
export const AttestationRole = z.enum(['owner', 'validator', 'compliance', 'auditor']);
export type AttestationRole = z.infer<typeof AttestationRole>;
export const AttestationDecision = z.enum(['approve', 'reject', 'approve-with-conditions']);
export type AttestationDecision = z.infer<typeof AttestationDecision>;

/**
 * One attestation as it travels in a return bundle (`attestations` member, one per line) and as the
 * console lists it. `attestationUid` makes import idempotent. Field names match the bundle member schema
 * (shared/schemas/bundle.ts), so a record written here passes the bundle writer's validation unchanged.
 */
export const AttestationRecord = z
  .object({
    attestationUid: z.string().min(1),
    scope: AttestationScope,
    modelName: z.string().min(1).optional(),
    modelVersion: z.string().min(1).optional(),
    packId: z.string().min(1).optional(),
    role: AttestationRole,
    decision: AttestationDecision,
    comment: z.string().default(''),
    actor: z.string().min(1),
    actorName: z.string().min(1),
    createdAt: IsoTime,
  })
  .strict()
  .refine((r) => (r.scope === 'pack' ? r.packId !== undefined : r.modelName !== undefined && r.modelVersion !== undefined), {
    message: 'a model_version attestation names modelName and modelVersion; a pack attestation names packId',
  });
export type AttestationRecord = z.infer<typeof AttestationRecord>;

/** An attestation as stored: the record plus where it came from. */
export const Attestation = z.object({
  id: z.number().int().positive(),
  record: AttestationRecord,
  /** 'local' when signed here; 'imported' when it arrived in a return bundle. */
  origin: z.enum(['local', 'imported']),
  snapshotId: z.number().int().nullable(),
  /** SHA-256 of the canonical record: printed in packs as the attestation's fingerprint. */
  recordSha256: Sha256,
});
export type Attestation = z.infer<typeof Attestation>;

export const AttestationListRequest = z
  .object({
    model: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    packId: z.string().min(1).optional(),
  })
  .strict();
export type AttestationListRequest = z.infer<typeof AttestationListRequest>;

export const AttestationCreateRequest = z
  .object({
    scope: AttestationScope.default('model_version'),
    model: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    packId: z.string().min(1).optional(),
    role: AttestationRole,
    decision: AttestationDecision,
    comment: z.string().max(10_000).default(''),
  })
  .strict();
export type AttestationCreateRequest = z.input<typeof AttestationCreateRequest>;
