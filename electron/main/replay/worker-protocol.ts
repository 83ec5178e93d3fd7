import { z } from 'zod';
import { DecisionRule, ModelSignature, Tolerance } from '../../../shared/schemas/bundle';
import { ErrorPayload } from '../../../shared/ipc/envelope';
import { DecisionVerdict } from '../../../shared/schemas/replay';

/** Messages between the batch replay job and its worker thread; both sides parse what they receive. */

export const WorkerInit = z.object({
  type: z.literal('init'),
  artifactFile: z.string(),
  sha256: z.string(),
  label: z.string(),
  signature: ModelSignature.nullable(),
  rule: DecisionRule.nullable(),
  tolerance: Tolerance,
});
export type WorkerInit = z.infer<typeof WorkerInit>;

const Feature = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const WorkerChunk = z.object({
  type: z.literal('chunk'),
  seq: z.number().int(),
  decisions: z.array(
    z.object({
      uid: z.string(),
      inputs: z.record(z.string(), Feature),
      outputs: z.record(z.string(), z.unknown()),
      decision: z.string().nullable(),
    }),
  ),
});
export type WorkerChunk = z.infer<typeof WorkerChunk>;

export const WorkerRequest = z.discriminatedUnion('type', [WorkerInit, WorkerChunk]);

export const RowOutcomeSchema = z.object({
  decisionId: z.string(),
  verdict: DecisionVerdict,
  maxAbsDiff: z.number().nullable(),
  maxRelDiff: z.number().nullable(),
  replayedOutputs: z.record(z.string(), z.unknown()),
  recordedDecision: z.string().nullable(),
  replayedDecision: z.string().nullable(),
});

export const WorkerReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), seq: z.number().int(), outcomes: z.array(RowOutcomeSchema) }),
  z.object({ type: z.literal('error'), seq: z.number().int().nullable(), error: ErrorPayload }),
]);
export type WorkerReply = z.infer<typeof WorkerReply>;
