import { z } from 'zod';
import { IsoTime } from './common';

/** A signing key the workspace trusts for bundles (`attest keys trust`). */
export const TrustedKey = z
  .object({
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    label: z.string(),
    publicKeyPem: z.string(),
    addedAt: IsoTime,
    addedBy: z.string(),
    revokedAt: IsoTime.nullable(),
  })
  .strict();
export type TrustedKey = z.infer<typeof TrustedKey>;

/** The result of trusting a key: the key, and whether it was trusted already (then nothing changed). */
export const TrustKeyResult = z.object({ key: TrustedKey, alreadyTrusted: z.boolean() }).strict();
export type TrustKeyResult = z.infer<typeof TrustKeyResult>;

/** How a snapshot's origin was established. */
export const Verification = z.enum(['verified', 'unverified', 'not-signed-source']);
export type Verification = z.infer<typeof Verification>;

/** Records imported per kind (new rows; already-known facts are not counted again). */
export const ImportCounts = z
  .object({
    registeredModels: z.number().int().nonnegative(),
    modelVersions: z.number().int().nonnegative(),
    aliasMoves: z.number().int().nonnegative(),
    runs: z.number().int().nonnegative(),
    lineageEvents: z.number().int().nonnegative(),
    decisions: z.number().int().nonnegative(),
    outcomes: z.number().int().nonnegative(),
    attestations: z.number().int().nonnegative(),
    artifacts: z.number().int().nonnegative(),
    /** MLflow 3 logged models whose state changed (absent from summaries written before they were read). */
    loggedModels: z.number().int().nonnegative().default(0),
  })
  .strict();
export type ImportCounts = z.infer<typeof ImportCounts>;

/** What an import did (or, when `alreadyImported`, that it had been done before and nothing changed). */
export const ImportSummary = z
  .object({
    snapshotId: z.number().int().positive(),
    alreadyImported: z.boolean(),
    verification: Verification,
    signerKeyId: z.string().nullable(),
    observedAt: IsoTime,
    counts: ImportCounts,
    message: z.string(),
  })
  .strict();
export type ImportSummary = z.infer<typeof ImportSummary>;

/** The outcome of checking a bundle without importing it (`attest bundle verify`, Import screen preview). */
export const BundleVerification = z
  .object({
    path: z.string(),
    verification: Verification,
    signerKeyId: z.string().nullable(),
    signerLabel: z.string().nullable(),
    observedAt: IsoTime,
    sequence: z.number().int().nonnegative(),
    scope: z.enum(['full', 'incremental', 'attestations']),
    sources: z.object({ registry: z.string().optional(), lineage: z.string().optional() }).strict(),
    members: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    message: z.string(),
  })
  .strict();
export type BundleVerification = z.infer<typeof BundleVerification>;

/** A snapshot as listed in history (`attest history`, the Diff view's pickers). */
export const SnapshotInfo = z
  .object({
    id: z.number().int().positive(),
    kind: z.string(),
    source: z.string(),
    label: z.string(),
    sequence: z.number().int().nullable(),
    observedAt: IsoTime,
    importedAt: IsoTime,
    importedBy: z.string(),
    verification: Verification,
    signerKeyId: z.string().nullable(),
  })
  .strict();
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/** A snapshot named on the command line or in the Diff view: its id, or a date (the last snapshot by then). */
export const SnapshotRef = z.union([z.number().int().positive(), z.iso.date(), z.iso.datetime({ offset: true })]);
export type SnapshotRef = z.infer<typeof SnapshotRef>;

const VersionKey = z.object({ model: z.string(), version: z.string() }).strict();

/** What changed in the registry and its lineage between two snapshots (`attest diff A B`, the Diff view). */
export const HistoryDiff = z
  .object({
    from: SnapshotInfo,
    to: SnapshotInfo,
    versionsAdded: z.array(VersionKey),
    versionsRetired: z.array(VersionKey),
    aliasMoves: z.array(z.object({ model: z.string(), alias: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict()),
    stageMoves: z.array(z.object({ model: z.string(), version: z.string(), from: z.string().nullable(), to: z.string().nullable() }).strict()),
    metricChanges: z.array(
      z.object({ model: z.string(), version: z.string(), runId: z.string(), key: z.string(), from: z.number().nullable(), to: z.number().nullable() }).strict(),
    ),
    datasetDigestChanges: z.array(z.object({ name: z.string(), from: z.array(z.string()), to: z.array(z.string()) }).strict()),
    upstreamJobsAdded: z.array(z.string()),
    upstreamJobsVanished: z.array(z.string()),
  })
  .strict();
export type HistoryDiff = z.infer<typeof HistoryDiff>;

/** What the Import screen shows before importing: a bundle's verification, or what kind of unsigned source it is. */
export const ImportPreview = z.discriminatedUnion('kind', [
  BundleVerification.extend({ kind: z.literal('bundle') }),
  z.object({ kind: z.enum(['mlflow-export', 'openlineage']), path: z.string(), message: z.string() }).strict(),
]);
export type ImportPreview = z.infer<typeof ImportPreview>;
