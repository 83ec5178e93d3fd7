import { Worker } from 'node:worker_threads';
import type { ErrorPayload } from '../../../shared/ipc/envelope';
import { AttestError } from '../core/errors';
import { builtWorkerFile } from '../core/worker-file';
import type { LinePiece } from './decision-line-cutter';
import { DecisionLinesReply, type DecisionLinesRequest, type DecisionLinesWorkerData, type EncodedRows } from './decision-lines-protocol';

/**
 * The worker's young generation, in MB (V8's default lets it grow to 48). Each record's objects die as soon as its
 * row is encoded and rows are written out a batch at a time, so a small one costs no time (4 and 8 MB measure
 * alike) and keeps the import's peak memory down.
 */
const YOUNG_GENERATION_MB = 4;
/** Input buffers kept for reuse: no more than the pieces that can be in flight. */
const MAX_POOLED_INPUTS = 8;

type Pending = { resolve: (r: EncodedRows) => void; reject: (e: Error) => void };

/** The worker's refusal, rethrown on the main thread as the AttestError it was. */
export function errorOf(payload: ErrorPayload): AttestError {
  return new AttestError(payload.code, payload.message, payload.hint, payload.details);
}

/** One decision-lines worker thread: pieces go in, encoded pieces come back in the same order. */
export class DecisionLinesThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private spare: ArrayBuffer | null = null;
  /** Input buffers the worker has sent back, to copy later pieces into. */
  private readonly inputs: ArrayBuffer[] = [];

  /** `inputBytes`: the size of the reused input buffers (a piece and a line past it). */
  constructor(
    where: string,
    private readonly inputBytes: number,
  ) {
    this.worker = new Worker(builtWorkerFile('decision-lines.worker.cjs', 'decision-lines'), {
      workerData: { where } satisfies DecisionLinesWorkerData,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (raw: unknown) => this.settle(raw));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the decision-lines worker stopped (exit code ${code})`)));
  }

  encode(piece: LinePiece): Promise<EncodedRows> {
    // The reader's chunks are views into buffers it may still use (tar-stream slices them), so the bytes are
    // copied into a buffer of our own, which is transferred rather than cloned again and comes back for reuse: a
    // fresh one per piece would be garbage that only a collection on this thread frees, and it allocates so
    // little that collections are rare.
    const own = piece.length <= this.inputBytes ? (this.inputs.pop() ?? new ArrayBuffer(this.inputBytes)) : new ArrayBuffer(piece.length);
    const view = new Uint8Array(own);
    let at = 0;
    for (const part of piece.parts) {
      view.set(part, at);
      at += part.length;
    }
    const spare = this.spare;
    this.spare = null;
    const message: DecisionLinesRequest = { seq: ++this.seq, bytes: own, length: piece.length, linesBefore: piece.linesBefore, ...(spare ? { spare } : {}) };
    return this.send(message, spare ? [own, spare] : [own]);
  }

  /** `rows` are in the database: their buffer goes back to the worker with the next piece (see `spare`). */
  written(rows: EncodedRows): void {
    this.spare = rows.rowsJson.buffer;
  }

  /** Stop the thread (after the member, on a refusal or a cancel); anything still in flight is dropped. */
  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    this.failAll(new Error('the decision-lines worker was stopped'));
  }

  private send(message: DecisionLinesRequest, transfer: ArrayBuffer[]): Promise<EncodedRows> {
    const reply = new Promise<EncodedRows>((resolve, reject) => this.pending.set(message.seq, { resolve, reject }));
    // A piece behind a refusal may be dropped unawaited when the worker is stopped: that is not a failure.
    reply.catch(() => undefined);
    this.worker.postMessage(message, transfer);
    return reply;
  }

  private settle(raw: unknown): void {
    // Checked once per piece (hundreds of decisions), not per row: the rows stay one text until SQLite.
    const parsed = DecisionLinesReply.safeParse(raw);
    if (!parsed.success) return this.failAll(new AttestError('internal', `The decision-lines worker sent a malformed reply: ${parsed.error.message}`));
    const { seq, input, ...rows } = parsed.data;
    if (input?.byteLength === this.inputBytes && this.inputs.length < MAX_POOLED_INPUTS) this.inputs.push(input);
    const pending = this.pending.get(seq);
    this.pending.delete(seq);
    if (!pending) return rows.error ? this.failAll(errorOf(rows.error)) : undefined;
    pending.resolve(rows);
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
