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
    /** MLflow 3: the logged model (`m-…`) the version was registered from. */
    loggedModelId: z.string().nullable(),
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

/** Inventory columns the paged query can sort by. */
export const InventorySortKey = z.enum(['model', 'version', 'stage', 'riskTier', 'owner', 'lastValidatedAt', 'createdAt', 'decisions']);
export type InventorySortKey = z.infer<typeof InventorySortKey>;

/** One window of version rows, filtered and sorted in the database (the Inventory screen at 20,000 versions). */
export const InventoryPageRequest = z
  .object({
    asOf: AsOf.optional(),
    text: z.string().max(200).default(''),
    riskTier: z.string().max(200).default(''),
    owner: z.string().max(200).default(''),
    alias: z.string().max(200).default(''),
    isOverdueOnly: z.boolean().default(false),
    sort: InventorySortKey.default('model'),
    isDescending: z.boolean().default(false),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .strict();
export type InventoryPageRequest = z.input<typeof InventoryPageRequest>;

/** A version row with its model's governance fields. */
export const InventoryPageRow = InventoryVersion.extend({
  model: z.string(),
  useCase: z.string().nullable(),
  riskTier: z.string().nullable(),
  owner: z.string().nullable(),
  lastValidatedAt: z.string().nullable(),
  isValidationOverdue: z.boolean(),
});
export type InventoryPageRow = z.infer<typeof InventoryPageRow>;

export const InventoryPage = z.object({
  asOf: IsoTime.nullable(),
  /** Rows matching the filter, and the models they belong to. */
  total: z.number().int().nonnegative(),
  modelCount: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(InventoryPageRow),
  /** Values the filters offer, from the whole registry at that date (not only the matching rows). */
  facets: z.object({ riskTiers: z.array(z.string()), owners: z.array(z.string()), aliases: z.array(z.string()) }),
});
export type InventoryPage = z.infer<typeof InventoryPage>;
/** The request with its defaults applied, as handlers receive it. */
export type InventoryPageQuery = z.output<typeof InventoryPageRequest>;
