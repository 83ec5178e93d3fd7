import { z } from 'zod';
import { DecisionRule, ModelSignature, Tolerance } from '../../../shared/schemas/bundle';
import { ErrorPayload } from '../../../shared/ipc/envelope';
import { DecisionVerdict, REPRODUCED_VERDICTS } from '../../../shared/schemas/replay';
import { batchReplayRowsJson } from '../store/replay-batch-repo';
import type { RowOutcome } from './decision-verdict';

/** Messages between the batch replay job and its worker thread; both sides parse what they receive. */

export const WorkerInit = z.object({
  type: z.literal('init'),
  /** The workspace database, which the worker reads its chunks from (read-only, with main's binding). */
  database: z.object({ file: z.string(), nativeBinding: z.string().optional() }),
  artifactFile: z.string(),
  sha256: z.string(),
  label: z.string(),
  signature: ModelSignature.nullable(),
  rule: DecisionRule.nullable(),
  tolerance: Tolerance,
});
export type WorkerInit = z.infer<typeof WorkerInit>;

/**
 * A chunk of logged decisions, by row id: the worker reads the rows itself on its own read-only connection,
 * parses and validates the JSON, so the logged text never crosses threads and the main thread stays free.
 */
export const WorkerChunk = z.object({
  type: z.literal('chunk'),
  seq: z.number().int(),
  /** decision.id of each row, in selection order; the buffer is transferred. */
  ids: z.instanceof(Float64Array),
});
export type WorkerChunk = z.infer<typeof WorkerChunk>;

/** Accepts only chunks WorkerChunk accepts (the replay property test holds it to that); zod judges the rest. */
export function isWorkerChunk(m: unknown): m is WorkerChunk {
  if (typeof m !== 'object' || m === null) return false;
  const c = m as Record<string, unknown>;
  return c.type === 'chunk' && Number.isSafeInteger(c.seq) && c.ids instanceof Float64Array;
}

export const WorkerRequest = z.union([WorkerInit, WorkerChunk]);

/** Verdicts travel as their index in DecisionVerdict.options (one byte per decision). */
export const VERDICT_CODES = DecisionVerdict.options;

/**
 * The outcomes of a chunk: what the summary needs in typed arrays whose buffers are transferred, not copied,
 * and the rows to store as the one JSON text the insert binds (store/replay-batch-repo.ts, batchReplayRowsJson).
 */
export const ChunkOutcomes = z
  .object({
    verdicts: z.instanceof(Uint8Array),
    /** NaN stands for null. */
    maxAbs: z.instanceof(Float64Array),
    /** The decision ids of the rows not reproduced, in order (for the batch's failure examples). */
    failedUids: z.array(z.string()),
    rowsJson: z.string(),
  })
  .refine((o) => o.maxAbs.length === o.verdicts.length && o.verdicts.every((v) => v < VERDICT_CODES.length), 'chunk outcome columns differ in length or hold an unknown verdict');
export type ChunkOutcomes = z.infer<typeof ChunkOutcomes>;

export const WorkerReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), seq: z.number().int(), outcomes: ChunkOutcomes }),
  z.object({ type: z.literal('error'), seq: z.number().int().nullable(), error: ErrorPayload }),
]);
export type WorkerReply = z.infer<typeof WorkerReply>;

/** Pack a chunk's row outcomes for the job (worker side): summary columns plus the rows to store. */
export function encodeOutcomes(ids: ArrayLike<number>, outcomes: RowOutcome[]): ChunkOutcomes {
  const n = outcomes.length;
  const verdicts = new Uint8Array(n);
  const maxAbs = new Float64Array(n);
  const maxRel = new Float64Array(n);
  outcomes.forEach((o, i) => {
    verdicts[i] = VERDICT_CODES.indexOf(o.verdict);
    maxAbs[i] = o.maxAbsDiff ?? Number.NaN;
    maxRel[i] = o.maxRelDiff ?? Number.NaN;
  });
  const rowsJson = batchReplayRowsJson({
    decisionRowIds: ids,
    verdicts: outcomes.map((o) => o.verdict),
    maxAbs,
    maxRel,
    replayedJson: outcomes.map((o) => JSON.stringify(o.replayedOutputs)),
    recordedDecisions: outcomes.map((o) => o.recordedDecision),
    replayedDecisions: outcomes.map((o) => o.replayedDecision),
  });
  const failedUids = outcomes.filter((o) => !REPRODUCED_VERDICTS.includes(o.verdict)).map((o) => o.decisionId);
  return { verdicts, maxAbs, failedUids, rowsJson };
}

/** The buffers to transfer with a chunk's outcomes. */
export function transferablesOf(o: ChunkOutcomes): ArrayBuffer[] {
  return [o.verdicts.buffer, o.maxAbs.buffer] as ArrayBuffer[];
}
