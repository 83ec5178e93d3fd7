import { z } from 'zod';
import { AsOf, IsoTime, Sha256 } from './common';

/** Verification state of the snapshot a record came from, shown wherever the record is. */
export const SnapshotVerification = z.enum(['verified', 'unverified', 'not-signed-source']);
export type SnapshotVerification = z.infer<typeof SnapshotVerification>;

/** One model version as the inventory shows it. */
export const InventoryVersion = z.object({
  version: z.string(),
  createdAt: IsoTime,
  stage: z.string().nullable(),
  status: z.string().nullable(),
  aliases: z.array(z.string()),
  sourceRunId: z.string().nullable(),
  artifactSha256: Sha256.nullable(),
  framework: z.string().nullable(),
  decisionCount: z.number().int().nonnegative(),
  verification: SnapshotVerification,
});
export type InventoryVersion = z.infer<typeof InventoryVersion>;

/** One registered model with its governance fields and versions (newest first). */
export const InventoryModel = z.object({
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  useCase: z.string().nullable(),
  riskTier: z.string().nullable(),
  lastValidatedAt: z.string().nullable(),
  nextValidationDue: z.string().nullable(),
  isValidationOverdue: z.boolean(),
  versions: z.array(InventoryVersion),
});
export type InventoryModel = z.infer<typeof InventoryModel>;

/** The inventory at one point in time. `asOf` null means the current state. */
export const Inventory = z.object({
  asOf: IsoTime.nullable(),
  generatedAt: IsoTime,
  models: z.array(InventoryModel),
});
export type Inventory = z.infer<typeof Inventory>;

export const InventoryRequest = z.object({ asOf: AsOf.optional() }).strict();
export type InventoryRequest = z.infer<typeof InventoryRequest>;

/** A period during which a label (alias or stage) was on a version; `to` null means it still is. */
export const LabelPeriod = z.object({ label: z.string(), version: z.string(), from: IsoTime, to: IsoTime.nullable() });
export type LabelPeriod = z.infer<typeof LabelPeriod>;

/** Whether the stored artifact still has the hash the registry recorded. */
export const ArtifactIntegrity = z.object({
  status: z.enum(['verified', 'mismatch', 'missing', 'not-recorded']),
  message: z.string(),
});
export type ArtifactIntegrity = z.infer<typeof ArtifactIntegrity>;

/** Everything the Model version screen shows. */
export const ModelVersionDetail = z.object({
  model: InventoryModel.omit({ versions: true }),
  version: InventoryVersion.extend({
    description: z.string().nullable(),
    artifactUri: z.string().nullable(),
    onnxOpset: z.number().int().nullable(),
    signature: z.unknown().nullable(),
    tags: z.record(z.string(), z.string()),
  }),
  integrity: ArtifactIntegrity,
  aliasHistory: z.array(LabelPeriod),
  stageHistory: z.array(LabelPeriod),
  run: z
    .object({
      runId: z.string(),
      runName: z.string().nullable(),
      userId: z.string().nullable(),
      startTime: z.string().nullable(),
      endTime: z.string().nullable(),
      params: z.record(z.string(), z.string()),
      metrics: z.record(z.string(), z.number().nullable()),
    })
    .nullable(),
  datasets: z.array(z.object({ name: z.string(), digest: z.string(), source: z.string().nullable(), context: z.string() })),
  /** Final metric values of every version's run, for charts across versions. */
  metricsByVersion: z.array(z.object({ version: z.string(), metrics: z.record(z.string(), z.number().nullable()) })),
});
export type ModelVersionDetail = z.infer<typeof ModelVersionDetail>;

export const ModelVersionRequest = z.object({ model: z.string().min(1), version: z.string().min(1), asOf: AsOf.optional() }).strict();
