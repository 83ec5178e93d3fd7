import { Worker } from 'node:worker_threads';
import type { ErrorPayload } from '../../../shared/ipc/envelope';
import { AttestError } from '../core/errors';
import { builtWorkerFile } from '../core/worker-file';
import { type DecisionChunk, DecisionLinesReply, type DecisionLinesRequest, type DecisionLinesWorkerData } from './decision-lines-protocol';

/**
 * Chunks sent ahead of the one being written: enough that the worker always has the next chunk to encode while
 * the main thread inserts, even when a busy machine delays one thread or the other; few enough that memory stays
 * flat (a chunk is 64 KiB of bytes in and about as much encoded out).
 */
const IN_FLIGHT = 8;
/**
 * The worker's young generation, in MB (V8's default lets it grow to 48). Each record's objects die as soon as its
 * row is encoded, so a small one costs no time, and it keeps the import's peak memory well under its budget.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Feed one decisions member through a decision-lines worker and hand each chunk's encoded rows to `write`, in
 * member order, while later chunks are being encoded. `write` must use the rows before it returns: their buffer
 * then goes back to the worker. `write` throws to stop (a refusal, a cancel); the worker is stopped whatever
 * happens, and chunks not yet written are dropped.
 */
export async function pipeDecisionLines(data: AsyncIterable<Buffer>, where: string, write: (chunk: DecisionChunk) => void): Promise<void> {
  const worker = new DecisionLinesWorker({ where });
  const inFlight: Promise<DecisionChunk>[] = [];
  try {
    for await (const chunk of data) {
      inFlight.push(worker.encode(chunk));
      if (inFlight.length < IN_FLIGHT) continue;
      const encoded = await (inFlight.shift() as Promise<DecisionChunk>);
      write(encoded);
      worker.written(encoded);
    }
    inFlight.push(worker.end());
    while (inFlight.length > 0) {
      const encoded = await (inFlight.shift() as Promise<DecisionChunk>);
      // The end of a member that ends with a newline adds nothing (and a one-thread import reported nothing).
      if (inFlight.length > 0 || encoded.count > 0 || encoded.error !== null) write(encoded);
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's refusal, rethrown on the main thread as the AttestError it was. */
export function errorOf(payload: ErrorPayload): AttestError {
  return new AttestError(payload.code, payload.message, payload.hint, payload.details);
}

type Pending = { resolve: (r: DecisionChunk) => void; reject: (e: Error) => void };

/** One decision-lines worker thread: chunks go in, encoded chunks come back in the same order. */
class DecisionLinesWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  constructor(workerData: DecisionLinesWorkerData) {
    this.worker = new Worker(builtWorkerFile('decision-lines.worker.cjs', 'decision-lines'), {
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    this.worker.on('message', (raw: unknown) => this.settle(raw));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`the decision-lines worker stopped (exit code ${code})`)));
  }

  private spare: ArrayBuffer | null = null;

  encode(chunk: Buffer): Promise<DecisionChunk> {
    // The reader's chunks are views into buffers it may still use (tar-stream slices them), so the bytes are
    // copied once into a buffer of their own and that one is transferred, not cloned again.
    const own = new Uint8Array(chunk);
    const spare = this.spare;
    this.spare = null;
    const transfer = spare ? [own.buffer, spare] : [own.buffer];
    return this.send({ type: 'chunk', seq: ++this.seq, bytes: own.buffer, ...(spare ? { spare } : {}) }, transfer);
  }

  /** `chunk` is in the database: its buffer goes back to the worker with the next chunk (see `spare`). */
  written(chunk: DecisionChunk): void {
    this.spare = chunk.rowsJson.buffer;
  }

  end(): Promise<DecisionChunk> {
    return this.send({ type: 'end', seq: ++this.seq }, []);
  }

  /** Stop the thread (after the member, on a refusal or a cancel); anything still in flight is dropped. */
  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    this.failAll(new Error('the decision-lines worker was stopped'));
  }

  private send(message: DecisionLinesRequest, transfer: ArrayBuffer[]): Promise<DecisionChunk> {
    const reply = new Promise<DecisionChunk>((resolve, reject) => this.pending.set(message.seq, { resolve, reject }));
    // A chunk behind a refusal may be dropped unawaited when the worker is stopped: that is not a failure.
    reply.catch(() => undefined);
    this.worker.postMessage(message, transfer);
    return reply;
  }

  private settle(raw: unknown): void {
    // Checked once per chunk (hundreds of decisions), not per row: the rows stay one string until SQLite.
    const parsed = DecisionLinesReply.safeParse(raw);
    if (!parsed.success) return this.failAll(new AttestError('internal', `The decision-lines worker sent a malformed reply: ${parsed.error.message}`));
    const { seq, ...chunk } = parsed.data;
    const pending = this.pending.get(seq);
    this.pending.delete(seq);
    if (!pending) return chunk.error ? this.failAll(errorOf(chunk.error)) : undefined;
    pending.resolve(chunk);
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
