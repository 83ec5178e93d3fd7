import { z } from 'zod';
import { ErrorPayload } from '../../../shared/ipc/envelope';

/**
 * Messages between ImportSession (main thread) and the decision-lines workers (docs/bundle-format.md, "Import
 * speed and memory"). A decisions member is cut into pieces of whole lines on the main thread and the pieces
 * are shared out among the workers; the member's `where` goes in workerData.
 */

/** What a worker is started with. */
export const DecisionLinesWorkerData = z.object({ where: z.string() });
export type DecisionLinesWorkerData = z.infer<typeof DecisionLinesWorkerData>;

/**
 * A piece of whole lines (DecisionLineCutter): the first `length` bytes of `bytes`, transferred, and sent back
 * with the reply so the main thread copies a later piece into it. `linesBefore` numbers its lines within the
 * member. `seq` counts from 1 in each worker. `spare` hands back the buffer of a chunk already written, for the
 * worker to encode into again. Both buffers are reused because freed ones would wait for a collection on a main
 * thread that, by design, allocates almost nothing.
 */
export const DecisionLinesRequest = z.object({
  seq: z.number().int(),
  bytes: z.instanceof(ArrayBuffer),
  length: z.number().int().nonnegative(),
  linesBefore: z.number().int().nonnegative(),
  spare: z.instanceof(ArrayBuffer).optional(),
});
export type DecisionLinesRequest = z.infer<typeof DecisionLinesRequest>;

/** A model version the rows of a chunk name, with the line that names it first (for the error if unknown). */
export const ChunkVersion = z.object({ model: z.string(), version: z.string(), line: z.number().int().positive() });
export type ChunkVersion = z.infer<typeof ChunkVersion>;

/**
 * The decisions of one piece, checked and encoded. `rowsJson` is one JSON array holding, per decision, the
 * array [decisionId, index into `versions`, decidedAt, requestId, inputs, outputs, decision, attributes], where
 * inputs, outputs and attributes are JSON strings holding exactly the text FactWriter stores (so SQLite's `->>`
 * gives back the very bytes a one-thread import writes). `error` is the refusal met in this piece, after the rows
 * before it: the main thread writes those first (an unknown model version among them is reported first, as a
 * one-thread import would) and then throws it.
 */
export const EncodedRows = z.object({
  rowsJson: z.instanceof(Uint8Array),
  count: z.number().int().nonnegative(),
  versions: z.array(ChunkVersion),
  error: ErrorPayload.nullable(),
});
export type EncodedRows = z.infer<typeof EncodedRows>;

/** What the main thread writes: a piece's rows and the member bytes it stands for (for progress). */
export type DecisionChunk = EncodedRows & { bytes: number };

/**
 * The encoded piece `seq`, with the buffer its bytes came in; seq -1 (and no buffer) when the worker could not
 * read a message at all (a bug).
 */
export const DecisionLinesReply = EncodedRows.extend({ seq: z.number().int(), input: z.instanceof(ArrayBuffer).nullable() });
export type DecisionLinesReply = z.infer<typeof DecisionLinesReply>;
