import type { MonitoringOutput, MonitoringPlanInput } from './compute';

/** What the main thread hands the monitoring worker. */
export interface MonitoringWorkerData {
  dbPath: string;
  modelVersionId: number;
  plan: MonitoringPlanInput;
}

/** Messages from the worker: progress, the result, or a failure. */
export type MonitoringWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; output: MonitoringOutput }
  | { type: 'error'; message: string };

/** The decision log of a version with outcomes, in time order (the worker reads it read-only). */
export const DECISIONS_SQL = `
  SELECT d.decided_at AS decidedAt, d.inputs_json AS inputsJson, d.outputs_json AS outputsJson, d.decision,
         d.attributes_json AS attributesJson, o.outcome
  FROM decision d LEFT JOIN decision_outcome o ON o.decision_id = d.id
  WHERE d.model_version_id = ? ORDER BY d.decided_at, d.id`;
