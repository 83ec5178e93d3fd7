import { availableParallelism } from 'node:os';
import { toErrorPayload } from '../core/errors';
import { DecisionLineCutter, type LinePiece, PIECE_BYTES } from './decision-line-cutter';
import type { DecisionChunk, EncodedRows } from './decision-lines-protocol';
import { DecisionLinesThread } from './decision-lines-thread';

export { errorOf } from './decision-lines-thread';

/**
 * Pieces sent ahead of the one being written: enough that a worker always has the next piece to encode while
 * the main thread inserts, even when a busy machine delays one thread or another; few enough that memory stays
 * flat (a piece is about 256 KiB of bytes in and a little more encoded out).
 */
const IN_FLIGHT = 8;
/** More workers than this would only wait for the main thread's inserts. */
const MAX_WORKERS = 2;

/**
 * Workers for one member: one core is the main thread's (it inserts, and reads and hashes the bundle), the rest
 * encode, up to MAX_WORKERS, and at least one. On two cores a second worker only takes turns with the other two
 * threads: it measured no faster and costs about 25 MB (docs/bundle-format.md).
 */
export function decisionWorkerCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores - 1));
}

/** How a member is shared out; tests use small pieces and two workers to cut lines and characters everywhere. */
export interface PipeShape {
  workers: number;
  pieceBytes: number;
}

/**
 * Feed one decisions member through decision-lines workers and hand each piece's encoded rows to `write`, in
 * member order, while later pieces are being encoded. `write` must use the rows before it returns: their buffer
 * then goes back to the worker. `write` throws to stop (a refusal, a cancel); the workers are stopped whatever
 * happens, and pieces not yet written are dropped.
 */
export async function pipeDecisionLines(
  data: AsyncIterable<Buffer>,
  where: string,
  write: (chunk: DecisionChunk) => void,
  shape: PipeShape = { workers: decisionWorkerCount(), pieceBytes: PIECE_BYTES },
): Promise<void> {
  const pipe = new PiecePipe(where, shape, write);
  try {
    await pipe.feed(data);
    await pipe.drain();
  } finally {
    await pipe.stop();
  }
}

/** A piece on its way: its worker (none for a refusal met while cutting), its encoded rows, its bytes. */
interface Encoding {
  thread: DecisionLinesThread | null;
  rows: Promise<EncodedRows>;
  bytes: number;
}

/** Pieces dealt to the workers in turn and written strictly in member order, so refusals come as one thread meets them. */
class PiecePipe {
  private readonly threads: DecisionLinesThread[];
  private readonly cutter: DecisionLineCutter;
  private readonly queue: Encoding[] = [];
  private sent = 0;

  constructor(
    where: string,
    { workers, pieceBytes }: PipeShape,
    private readonly write: (chunk: DecisionChunk) => void,
  ) {
    // Room for a piece and a line past its size; a piece with a longer line gets a buffer of its own.
    this.threads = Array.from({ length: workers }, () => new DecisionLinesThread(where, pieceBytes + 64 * 1024));
    this.cutter = new DecisionLineCutter(where, pieceBytes);
  }

  /** Cut and send the member's pieces, writing the oldest whenever IN_FLIGHT are on their way. */
  async feed(data: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of data) {
      const pieces = this.cut(chunk);
      if (pieces === null) return;
      for (const piece of pieces) {
        this.send(piece);
        if (this.queue.length >= IN_FLIGHT) await this.writeOldest(false);
      }
    }
    this.send(this.cutter.end());
  }

  /** Write what is still on its way; the end of a member that ends with a newline adds nothing. */
  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.writeOldest(this.queue.length === 1);
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }

  /** The pieces `chunk` fills, or null when it holds a line too long to buffer (queued as a refusal). */
  private cut(chunk: Buffer): LinePiece[] | null {
    try {
      return this.cutter.push(chunk);
    } catch (refusal) {
      // Written after the pieces before it, as one thread would meet it.
      this.queue.push({ thread: null, rows: Promise.resolve(refusedRows(refusal)), bytes: 0 });
      return null;
    }
  }

  private send(piece: LinePiece): void {
    const thread = this.threads[this.sent++ % this.threads.length] as DecisionLinesThread;
    this.queue.push({ thread, rows: thread.encode(piece), bytes: piece.length });
  }

  private async writeOldest(skipEmpty: boolean): Promise<void> {
    const { thread, rows, bytes } = this.queue.shift() as Encoding;
    const encoded = await rows;
    // A one-thread import reported nothing for an empty end of member.
    if (!skipEmpty || encoded.count > 0 || encoded.error !== null) this.write({ ...encoded, bytes });
    thread?.written(encoded);
  }
}

function refusedRows(refusal: unknown): EncodedRows {
  // An empty array, as a worker encodes a piece whose first line is refused.
  return { rowsJson: new TextEncoder().encode('[]'), count: 0, versions: [], error: toErrorPayload(refusal) };
}
