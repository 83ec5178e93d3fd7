import { z } from 'zod';
import { ErrorPayload } from '../../../shared/ipc/envelope';

/**
 * Messages between ImportSession (main thread) and the decision-lines worker (docs/bundle-format.md, "Import
 * speed and memory"). One worker per decisions member; the member's `where` goes in workerData.
 */

/** What the worker is started with. */
export const DecisionLinesWorkerData = z.object({ where: z.string() });
export type DecisionLinesWorkerData = z.infer<typeof DecisionLinesWorkerData>;

/**
 * A member's chunk (its buffer is transferred), or the end of the member. `seq` counts from 1 in each worker.
 * `spare` hands back the buffer of a chunk already written, for the worker to encode into again: freed buffers
 * would otherwise wait for a collection on a main thread that, by design, allocates almost nothing.
 */
export const DecisionLinesRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chunk'), seq: z.number().int(), bytes: z.instanceof(ArrayBuffer), spare: z.instanceof(ArrayBuffer).optional() }),
  z.object({ type: z.literal('end'), seq: z.number().int() }),
]);
export type DecisionLinesRequest = z.infer<typeof DecisionLinesRequest>;

/** A model version the rows of a chunk name, with the line that names it first (for the error if unknown). */
export const ChunkVersion = z.object({ model: z.string(), version: z.string(), line: z.number().int().positive() });
export type ChunkVersion = z.infer<typeof ChunkVersion>;

/**
 * The decisions of one chunk, checked and encoded. `rowsJson` is one JSON array holding, per decision, the
 * array [decisionId, index into `versions`, decidedAt, requestId, inputs, outputs, decision, attributes], where
 * inputs, outputs and attributes are JSON strings holding exactly the text FactWriter stores (so SQLite's `->>`
 * gives back the very bytes a one-thread import writes). `bytes` is the chunk's size (for progress). `error` is
 * the refusal met in this chunk, after the rows before it: the main thread writes those first (an unknown model
 * version among them is reported first, as a one-thread import would) and then throws it.
 */
export const DecisionChunk = z.object({
  rowsJson: z.instanceof(Uint8Array),
  count: z.number().int().nonnegative(),
  versions: z.array(ChunkVersion),
  bytes: z.number().int().nonnegative(),
  error: ErrorPayload.nullable(),
});
export type DecisionChunk = z.infer<typeof DecisionChunk>;

/** The encoded chunk `seq`; seq -1 when the worker could not read a message at all (a bug). */
export const DecisionLinesReply = DecisionChunk.extend({ seq: z.number().int() });
export type DecisionLinesReply = z.infer<typeof DecisionLinesReply>;
