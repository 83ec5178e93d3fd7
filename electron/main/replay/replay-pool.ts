import { availableParallelism } from 'node:os';
import { MAX_REPLAY_THREADS, ReplayWorker } from './worker-client';
import type { ChunkOutcomes, WorkerChunk, WorkerInit } from './worker-protocol';

/** Chunks queued on one thread ahead of the one it is running, so it never waits for the main thread. */
const IN_FLIGHT_PER_THREAD = 2;
/** A model this large is loaded by one thread only: each thread holds its own session (and copy of the model). */
const ONE_THREAD_ABOVE_BYTES = 256 * 1024 * 1024;

/**
 * How many threads replay a batch: one per core (the main thread's reading and storing is light next to
 * parsing, inference and judging), at most MAX_REPLAY_THREADS, no more than there are chunks, and one for a
 * very large model. Every thread runs the same session options (one intra-op thread), so the results do not
 * depend on how many there are.
 */
export function replayThreadCount(chunks: number, artifactBytes: number): number {
  if (artifactBytes > ONE_THREAD_ABOVE_BYTES) return 1;
  return Math.max(1, Math.min(MAX_REPLAY_THREADS, availableParallelism(), chunks));
}

interface Member {
  worker: ReplayWorker;
  isReady: boolean;
  inFlight: number;
}

interface Queued {
  chunk: Omit<WorkerChunk, 'type' | 'seq'>;
  resolve: (outcomes: ChunkOutcomes) => void;
  reject: (error: unknown) => void;
}

/**
 * The worker threads of one batch replay. The first starts at once (it verifies the artifact while the main
 * thread reads the selection); more join with `grow` and take chunks as soon as they are ready. Each chunk goes
 * to the ready thread with the least queued work; results come back through the promise `replay` returns.
 */
export class ReplayPool {
  /** Settles when the first thread has verified the artifact and created its session. */
  readonly firstReady: Promise<void>;
  private readonly members: Member[] = [];
  private readonly queue: Queued[] = [];
  private failure: Error | null = null;

  constructor(private readonly init: Omit<WorkerInit, 'type'>) {
    this.firstReady = this.add();
  }

  /** Threads started so far (ready or starting). */
  get size(): number {
    return this.members.length;
  }

  /** Start threads until there are `threads`; each verifies the artifact itself before taking chunks. */
  grow(threads: number): void {
    while (this.members.length < threads) this.add().catch(() => undefined);
  }

  /** Replay one chunk on whichever thread is free first. */
  replay(chunk: Omit<WorkerChunk, 'type' | 'seq'>): Promise<ChunkOutcomes> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<ChunkOutcomes>((resolve, reject) => {
      this.queue.push({ chunk, resolve, reject });
      this.dispatch();
    });
  }

  /** Keep the threads for the next batch (after a batch that ended normally). */
  release(): void {
    for (const m of this.members) {
      if (m.isReady && m.inFlight === 0) m.worker.release();
      else void m.worker.terminate();
    }
  }

  /** Stop every thread (also how a cancelled batch stops mid-chunk). */
  async terminate(): Promise<void> {
    this.fail(new Error('the replay workers were stopped'));
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }

  private add(): Promise<void> {
    const { worker, ready } = ReplayWorker.start(this.init);
    const member: Member = { worker, isReady: false, inFlight: 0 };
    this.members.push(member);
    return ready.then(
      () => {
        member.isReady = true;
        this.dispatch();
      },
      (error: unknown) => {
        this.fail(error);
        throw error;
      },
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const free = this.members.filter((m) => m.isReady && m.inFlight < IN_FLIGHT_PER_THREAD);
      if (free.length === 0) return;
      const member = free.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      const next = this.queue.shift() as Queued;
      member.inFlight++;
      member.worker.replay(next.chunk).then(
        (outcomes) => {
          member.inFlight--;
          next.resolve(outcomes);
          this.dispatch();
        },
        (error: unknown) => {
          member.inFlight--;
          next.reject(error);
        },
      );
    }
  }

  private fail(error: unknown): void {
    if (this.failure === null) this.failure = error instanceof Error ? error : new Error(String(error));
    for (const q of this.queue.splice(0)) q.reject(error);
  }
}
