import { z } from 'zod';
import { IsoTime, Sha256 } from './common';

/**
 * Replay: reproducing recorded predictions through ONNX (docs/replay.md).
 * The first half is the on-disk "onnx-replay-reference/1" format; the second the replay results and channels.
 */

export const REFERENCE_FORMAT = 'onnx-replay-reference/1';

/** A number as written in reference.json: non-finite values are the strings "NaN", "Infinity", "-Infinity". */
const JsonNumber = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform((s) => Number(s)),
]);
const TensorElement = z.union([JsonNumber, z.string(), z.boolean()]);

/** A tensor value: row-major data with its element type and shape. */
export const TensorValue = z.object({
  kind: z.literal('tensor'),
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(TensorElement),
});
export type TensorValue = z.infer<typeof TensorValue>;

/** Any value of the reference format: tensors, sequences, maps (one ZipMap row is a map) and optionals. */
export type ReplayValue =
  | TensorValue
  | { kind: 'sequence'; elements: ReplayValue[] }
  | { kind: 'map'; key_dtype: string; value_dtype: string; entries: [string | number, number | string][] }
  | { kind: 'optional'; value: ReplayValue | null };

export const ReplayValue: z.ZodType<ReplayValue> = z.lazy(() =>
  z.union([
    TensorValue,
    z.object({ kind: z.literal('sequence'), elements: z.array(ReplayValue) }),
    z.object({
      kind: z.literal('map'),
      key_dtype: z.string(),
      value_dtype: z.string(),
      entries: z.array(z.tuple([z.union([z.string(), z.number()]), z.union([JsonNumber, z.string()])])),
    }),
    z.object({ kind: z.literal('optional'), value: ReplayValue.nullable() }),
  ]),
);

export type NamedValue = ReplayValue & { name: string };
const NamedValue = z.intersection(z.object({ name: z.string() }), ReplayValue) as z.ZodType<NamedValue>;

/** The whole reference.json; fields Attest does not use (origin, model_summary...) are kept but not checked. */
export const ReferenceFile = z.looseObject({
  format: z.literal(REFERENCE_FORMAT),
  model: z.string().optional(),
  inputs: z.array(NamedValue),
  expected_outputs: z.array(NamedValue),
  compare: z.looseObject({ rtol: z.number().nonnegative(), atol: z.number().nonnegative() }).optional(),
});
export type ReferenceFile = z.infer<typeof ReferenceFile>;

/** How one output compared: identical, within tolerance, or differs. */
export const OutputVerdict = z.enum(['identical', 'within-tolerance', 'differs']);
export type OutputVerdict = z.infer<typeof OutputVerdict>;

/** One output of a replay case, compared with its expected value. */
export const OutputComparison = z.object({
  name: z.string(),
  /** What was compared: the tensor itself, or the probabilities under a ZipMap (per class label). */
  compared: z.enum(['tensor', 'zipmap-probabilities']),
  expectedShape: z.array(z.number().int()),
  actualShape: z.array(z.number().int()),
  count: z.number().int().nonnegative(),
  maxAbsDiff: z.number().nullable(),
  maxRelDiff: z.number().nullable(),
  mismatches: z.number().int().nonnegative(),
  verdict: OutputVerdict,
  note: z.string().optional(),
});
export type OutputComparison = z.infer<typeof OutputComparison>;

/** Replay tolerance, numpy isclose: |replayed − recorded| ≤ atol + rtol·|recorded|. */
export const ToleranceUsed = z.object({
  atol: z.number().nonnegative(),
  rtol: z.number().nonnegative(),
  source: z.enum(['default', 'reference', 'model-version-tag', 'workspace-override', 'request']),
});
export type ToleranceUsed = z.infer<typeof ToleranceUsed>;

/** Where and with what the replay ran, stored with every result. */
export const RuntimeFingerprint = z.object({
  onnxruntime: z.string(),
  executionProvider: z.string(),
  intraOpNumThreads: z.number().int().positive(),
  os: z.string(),
  cpu: z.string(),
  node: z.string(),
});
export type RuntimeFingerprint = z.infer<typeof RuntimeFingerprint>;

/** The result of `attest replay-case`. */
export const CaseResult = z.discriminatedUnion('status', [
  z.object({
    status: z.enum(['reproduced', 'differs']),
    path: z.string(),
    mode: z.enum(['batch', 'per-row']),
    dataSets: z.number().int().positive(),
    outputs: z.array(OutputComparison),
    tolerance: ToleranceUsed,
    runtime: RuntimeFingerprint,
    notes: z.array(z.string()),
  }),
  z.object({ status: z.literal('cannot-replay'), path: z.string(), reason: z.string(), hint: z.string().optional() }),
]);
export type CaseResult = z.infer<typeof CaseResult>;

/** Decision verdicts. A changed decision is a failure whatever the numeric difference. */
export const DecisionVerdict = z.enum(['identical', 'within-tolerance', 'differs-same-decision', 'decision-changed']);
export type DecisionVerdict = z.infer<typeof DecisionVerdict>;

/** Verdicts that count as reproduced. */
export const REPRODUCED_VERDICTS: readonly DecisionVerdict[] = ['identical', 'within-tolerance'];

/** A feature's contribution to a replayed score, against the training-data baseline. */
export const ReasonCode = z.object({
  feature: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  /** The training mean of a numeric feature, or the most frequent category of a categorical one. */
  baseline: z.union([z.number(), z.string(), z.null()]),
  contribution: z.number(),
});
export type ReasonCode = z.infer<typeof ReasonCode>;

export const ReasonCodes = z.object({
  method: z.enum(['linear-exact', 'sampling-shapley']),
  /** What the contributions add up to: the logit (log-odds) for logistic models, else the output itself. */
  scale: z.enum(['logit', 'output']),
  output: z.string(),
  index: z.number().int().nonnegative(),
  baselineSource: z.string(),
  samples: z.number().int().nonnegative().optional(),
  seed: z.number().int().optional(),
  top: z.array(ReasonCode),
});
export type ReasonCodes = z.infer<typeof ReasonCodes>;

/** A stored decision replay, as the Replay screen and `attest replay` show it. */
export const DecisionReplay = z.object({
  replayId: z.number().int(),
  decisionId: z.string(),
  model: z.string(),
  version: z.string(),
  decidedAt: IsoTime,
  startedAt: IsoTime,
  actor: z.string(),
  batchId: z.string().nullable(),
  verdict: DecisionVerdict,
  maxAbsDiff: z.number().nullable(),
  maxRelDiff: z.number().nullable(),
  recordedOutputs: z.record(z.string(), z.unknown()),
  replayedOutputs: z.record(z.string(), z.unknown()),
  recordedDecision: z.string().nullable(),
  replayedDecision: z.string().nullable(),
  tolerance: ToleranceUsed,
  runtime: RuntimeFingerprint,
  artifactSha256: Sha256,
  reasonCodes: ReasonCodes.nullable(),
});
export type DecisionReplay = z.infer<typeof DecisionReplay>;

const ToleranceOverride = {
  atol: z.number().nonnegative().optional(),
  rtol: z.number().nonnegative().optional(),
};

export const ReplayDecisionRequest = z.object({ decisionId: z.string().min(1), ...ToleranceOverride }).strict();
export type ReplayDecisionRequest = z.infer<typeof ReplayDecisionRequest>;

export const ReplayBatchRequest = z
  .object({
    model: z.string().min(1),
    version: z.string().min(1),
    from: z.string().optional(),
    to: z.string().optional(),
    limit: z.number().int().positive().optional(),
    ...ToleranceOverride,
  })
  .strict();
export type ReplayBatchRequest = z.infer<typeof ReplayBatchRequest>;

/** What a batch replay job returns when it finishes. */
export const ReplayBatchSummary = z.object({
  batchId: z.string(),
  model: z.string(),
  version: z.string(),
  total: z.number().int().nonnegative(),
  counts: z.record(DecisionVerdict, z.number().int().nonnegative()),
  reproducedPercent: z.number(),
  maxAbsDiff: z.number().nullable(),
  tolerance: ToleranceUsed,
  runtime: RuntimeFingerprint,
  artifactSha256: Sha256,
  /** The first failures (differs or decision changed), so a person sees examples without paging. */
  failures: z.array(z.object({ decisionId: z.string(), verdict: DecisionVerdict, maxAbsDiff: z.number().nullable() })),
});
export type ReplayBatchSummary = z.infer<typeof ReplayBatchSummary>;

export const ReplayHistoryRequest = z
  .object({
    decisionId: z.string().optional(),
    model: z.string().optional(),
    version: z.string().optional(),
    batchId: z.string().optional(),
    limit: z.number().int().positive().max(1000).default(100),
  })
  .strict();
export type ReplayHistoryRequest = z.infer<typeof ReplayHistoryRequest>;

/** One logged decision as lists show it. */
export const DecisionSummary = z.object({
  decisionId: z.string(),
  model: z.string(),
  version: z.string(),
  decidedAt: IsoTime,
  requestId: z.string().nullable(),
  decision: z.string().nullable(),
  lastVerdict: DecisionVerdict.nullable(),
});
export type DecisionSummary = z.infer<typeof DecisionSummary>;

export const DecisionSearchRequest = z
  .object({
    model: z.string().optional(),
    version: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    decision: z.string().optional(),
    /** Matches the start of a decision id or request id. */
    query: z.string().optional(),
    limit: z.number().int().positive().max(1000).default(100),
  })
  .strict();
export type DecisionSearchRequest = z.infer<typeof DecisionSearchRequest>;

/** A logged decision in full (the Replay screen's left column). */
export const DecisionDetail = DecisionSummary.extend({
  inputs: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
  attributes: z.record(z.string(), z.unknown()),
});
export type DecisionDetail = z.infer<typeof DecisionDetail>;

/** The tolerance policy of a model version: the effective one and where it came from. */
export const TolerancePolicy = z.object({
  model: z.string(),
  version: z.string(),
  effective: ToleranceUsed,
  fromTag: z.object({ atol: z.number(), rtol: z.number() }).nullable(),
  override: z.object({ atol: z.number(), rtol: z.number(), setAt: IsoTime, setBy: z.string(), reason: z.string() }).nullable(),
});
export type TolerancePolicy = z.infer<typeof TolerancePolicy>;

export const ModelVersionRef = z.object({ model: z.string().min(1), version: z.string().min(1) }).strict();

export const SetToleranceRequest = z
  .object({
    model: z.string().min(1),
    version: z.string().min(1),
    atol: z.number().nonnegative(),
    rtol: z.number().nonnegative(),
    reason: z.string().min(1),
  })
  .strict();
export type SetToleranceRequest = z.infer<typeof SetToleranceRequest>;
