import { z } from 'zod';
import { IsoTime } from './common';

/** Monitoring analytics stored per window (docs/monitoring.md). */

export const WindowKind = z.enum(['month', 'quarter', 'all']);
export type WindowKind = z.infer<typeof WindowKind>;

/** Red/amber/green against the model's thresholds; null when the metric has no threshold. */
export const Band = z.enum(['green', 'amber', 'red']);
export type Band = z.infer<typeof Band>;

/** How a metric's value compares with its thresholds. */
export const ThresholdDirection = z.enum(['higher-is-worse', 'lower-is-worse', 'abs-higher-is-worse']);

/** One metric's thresholds: amber beyond `warn`, red beyond `alert`. */
export const MetricThreshold = z.object({
  metric: z.string().min(1),
  warn: z.number().nullable(),
  alert: z.number(),
  direction: ThresholdDirection,
  /** 'default' when Attest's convention applies; 'model' when configured for this model. */
  source: z.enum(['default', 'model']),
});
export type MetricThreshold = z.infer<typeof MetricThreshold>;

/** Per-model settings: which decision is favourable, which outcomes are the event, which attributes to test. */
export const MonitoringSettings = z
  .object({
    favourableDecision: z.string().min(1).optional(),
    positiveOutcomes: z.array(z.string()).min(1).optional(),
    protectedAttributes: z.array(z.string().min(1)).optional(),
    referenceGroups: z.record(z.string(), z.string()).default({}),
    /** Groups smaller than this are reported but flagged 'small-sample'. */
    minGroupSize: z.number().int().positive().default(30),
  })
  .strict();
export type MonitoringSettings = z.infer<typeof MonitoringSettings>;

/** One stored monitoring metric value (what Pack A/B print as `monitoring_result`). */
export const MonitoringResultRow = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  modelVersionId: z.number().int(),
  metric: z.string(),
  /** Feature name for CSI; null for model-level metrics. */
  feature: z.string().nullable(),
  /** Sub-population or bin (e.g. a calibration decile); null for the whole window. */
  segment: z.string().nullable(),
  value: z.number().nullable(),
  thresholdWarn: z.number().nullable(),
  thresholdAlert: z.number().nullable(),
  band: Band.nullable(),
  n: z.number().int().nonnegative(),
  windowKind: WindowKind,
  windowStart: IsoTime,
  windowEnd: IsoTime,
  computedAt: IsoTime,
  details: z.record(z.string(), z.unknown()),
});
export type MonitoringResultRow = z.infer<typeof MonitoringResultRow>;

export const FairnessFlag = z.enum(['ok', 'adverse', 'small-sample', 'undefined']);
export type FairnessFlag = z.infer<typeof FairnessFlag>;

/** One stored fairness value for a group of an attribute (`fairness_result`). */
export const FairnessResultRow = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  modelVersionId: z.number().int(),
  metric: z.enum(['favourable_rate', 'disparate_impact', 'statistical_parity_difference', 'equal_opportunity_difference']),
  attribute: z.string(),
  group: z.string(),
  referenceGroup: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  flag: FairnessFlag,
  n: z.number().int().nonnegative(),
  windowKind: WindowKind,
  windowStart: IsoTime,
  windowEnd: IsoTime,
  computedAt: IsoTime,
  details: z.record(z.string(), z.unknown()),
});
export type FairnessResultRow = z.infer<typeof FairnessResultRow>;

/** One computation: which reference, how many decisions, and what could not be computed and why. */
export const MonitoringRun = z.object({
  id: z.number().int(),
  modelVersionId: z.number().int(),
  windowKind: WindowKind,
  computedAt: IsoTime,
  actor: z.string(),
  referenceDataset: z.string().nullable(),
  decisionCount: z.number().int().nonnegative(),
  notes: z.array(z.string()),
});
export type MonitoringRun = z.infer<typeof MonitoringRun>;

const ModelRef = { model: z.string().min(1), version: z.string().min(1) };

export const MonitoringComputeRequest = z.object({ ...ModelRef, window: WindowKind.default('month') }).strict();
export const MonitoringResultsRequest = z.object({ ...ModelRef, window: WindowKind.optional() }).strict();

export const MonitoringResults = z.object({
  model: z.string(),
  version: z.string(),
  run: MonitoringRun.nullable(),
  results: z.array(MonitoringResultRow),
  fairness: z.array(FairnessResultRow),
  thresholds: z.array(MetricThreshold),
});
export type MonitoringResults = z.infer<typeof MonitoringResults>;

export const MonitoringConfigRequest = z.object({ model: z.string().min(1) }).strict();
export const MonitoringConfig = z.object({ model: z.string(), thresholds: z.array(MetricThreshold), settings: MonitoringSettings });
export type MonitoringConfig = z.infer<typeof MonitoringConfig>;

export const MonitoringConfigureRequest = z
  .object({
    model: z.string().min(1),
    thresholds: z.array(z.object({ metric: z.string().min(1), warn: z.number().nullable(), alert: z.number() }).strict()).default([]),
    settings: MonitoringSettings.optional(),
  })
  .strict();
