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
