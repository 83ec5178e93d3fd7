import { Worker } from 'node:worker_threads';
import type { ErrorPayload } from '../../../shared/ipc/envelope';
import { AttestError, toErrorPayload } from '../core/errors';
import { builtWorkerFile } from '../core/worker-file';
import { DecisionLineCutter, type LinePiece } from './decision-line-cutter';
import { type DecisionChunk, DecisionLinesReply, type DecisionLinesRequest, type DecisionLinesWorkerData, type EncodedRows } from './decision-lines-protocol';

/**
 * Pieces sent ahead of the one being written: enough that a worker always has the next piece to encode while
 * the main thread inserts, even when a busy machine delays one thread or another; few enough that memory stays
 * flat (a piece is about 64 KiB of bytes in and about as much encoded out).
 */
const IN_FLIGHT = 8;
/** A piece is at most a reader chunk (64 KiB) and the line carried into it; longer ones get a buffer of their own. */
const INPUT_BUFFER_BYTES = 128 * 1024;
/**
 * The worker's young generation, in MB (V8's default lets it grow to 48). Each record's objects die as soon as its
 * row is encoded, so a small one costs no time, and it keeps the import's peak memory well under its budget.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** A piece on its way: its worker (none for a refusal met while cutting), its encoded rows, its reader bytes. */
interface Encoding {
  worker: DecisionLinesWorker | null;
  rows: Promise<EncodedRows>;
  bytes: number;
}

/**
 * Feed one decisions member through decision-lines workers and hand each piece's encoded rows to `write`, in
 * member order, while later pieces are being encoded. `write` must use the rows before it returns: their buffer
 * then goes back to the worker. `write` throws to stop (a refusal, a cancel); the workers are stopped whatever
 * happens, and pieces not yet written are dropped.
 */
export async function pipeDecisionLines(data: AsyncIterable<Buffer>, where: string, write: (chunk: DecisionChunk) => void): Promise<void> {
  const workers = [new DecisionLinesWorker({ where })];
  const cutter = new DecisionLineCutter(where);
  const queue: Encoding[] = [];
  let sent = 0;
  const send = (piece: LinePiece): Encoding => {
    const worker = workers[sent++ % workers.length] as DecisionLinesWorker;
    return { worker, rows: worker.encode(piece), bytes: piece.bytes };
  };
  try {
    let refused = false;
    for await (const chunk of data) {
      let piece: LinePiece | null;
      try {
        piece = cutter.push(chunk);
      } catch (refusal) {
        // A line too long to buffer: refused after the pieces before it are written, as one thread would.
        queue.push({ worker: null, rows: Promise.resolve(refusedRows(refusal)), bytes: chunk.length });
        refused = true;
        break;
      }
      if (piece) queue.push(send(piece));
      if (queue.length >= IN_FLIGHT) await writeOldest(queue, write);
    }
    if (!refused) queue.push(send(cutter.end()));
    // The end of a member that ends with a newline adds nothing (and a one-thread import reported nothing).
    while (queue.length > 0) await writeOldest(queue, write, queue.length === 1);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function writeOldest(queue: Encoding[], write: (chunk: DecisionChunk) => void, skipEmpty = false): Promise<void> {
  const { worker, rows, bytes } = queue.shift() as Encoding;
  const encoded = await rows;
  if (!skipEmpty || encoded.count > 0 || encoded.error !== null) write({ ...encoded, bytes });
  worker?.written(encoded);
}

function refusedRows(refusal: unknown): EncodedRows {
  return { rowsJson: new Uint8Array(), count: 0, versions: [], error: toErrorPayload(refusal) };
}

/** The worker's refusal, rethrown on the main thread as the AttestError it was. */
export function errorOf(payload: ErrorPayload): AttestError {
  return new AttestError(payload.code, payload.message, payload.hint, payload.details);
}

type Pending = { resolve: (r: EncodedRows) => void; reject: (e: Error) => void };

/** One decision-lines worker thread: pieces go in, encoded pieces come back in the same order. */
class DecisionLinesWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private spare: ArrayBuffer | null = null;
  /** Input buffers the worker has sent back, to copy later pieces into. */
  private readonly inputs: ArrayBuffer[] = [];

  constructor(workerData: DecisionLinesWorkerData) {
    this.worker = new Worker(builtWorkerFile('decision-lines.worker.cjs', 'decision-lines'), {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (raw: unknown) => this.settle(raw));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the decision-lines worker stopped (exit code ${code})`)));
  }

  encode(piece: LinePiece): Promise<EncodedRows> {
    // The reader's chunks are views into buffers it may still use (tar-stream slices them), so the bytes are
    // copied into a buffer of our own, which is transferred rather than cloned again and comes back for reuse.
    const own = piece.length <= INPUT_BUFFER_BYTES ? (this.inputs.pop() ?? new ArrayBuffer(INPUT_BUFFER_BYTES)) : new ArrayBuffer(piece.length);
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
    // Checked once per piece (hundreds of decisions), not per row: the rows stay one string until SQLite.
    const parsed = DecisionLinesReply.safeParse(raw);
    if (!parsed.success) return this.failAll(new AttestError('internal', `The decision-lines worker sent a malformed reply: ${parsed.error.message}`));
    const { seq, input, ...rows } = parsed.data;
    if (input?.byteLength === INPUT_BUFFER_BYTES && this.inputs.length < IN_FLIGHT) this.inputs.push(input);
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
