import { z } from 'zod';
import { IsoTime } from './common';
import { SnapshotVerification } from './registry';

export const SnapshotSummary = z.object({
  id: z.number().int(),
  kind: z.string(),
  source: z.string(),
  label: z.string(),
  observedAt: IsoTime,
  importedAt: IsoTime,
  verification: SnapshotVerification,
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

/** What a workspace holds, for the status bar and `attest demo`. */
export const WorkspaceInfo = z.object({
  root: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  counts: z.object({
    models: z.number().int(),
    versions: z.number().int(),
    runs: z.number().int(),
    datasets: z.number().int(),
    lineageEvents: z.number().int(),
    decisions: z.number().int(),
    artifacts: z.number().int(),
    snapshots: z.number().int(),
  }),
  snapshots: z.array(SnapshotSummary),
  actor: z.object({ user: z.string(), displayName: z.string() }),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;
