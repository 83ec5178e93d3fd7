import { Worker } from 'node:worker_threads';
import { AttestError } from '../core/errors';
import { builtWorkerFile } from '../core/worker-file';
import { type ChunkOutcomes, type WorkerChunk, type WorkerInit, type WorkerReply, WorkerReply as WorkerReplySchema } from './worker-protocol';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/** How long a finished batch's threads wait for the next batch before they are stopped. */
const IDLE_MS = 30_000;
/** At most this many threads replay one batch (and wait idle for the next). */
export const MAX_REPLAY_THREADS = 4;
// Idle threads: starting a thread and loading onnxruntime into it costs more than replaying thousands of
// decisions, and people run batches back to back. They are unref'd, so they never keep the process alive.
const idle: { thread: Worker; timer: NodeJS.Timeout; onExit: () => void }[] = [];

function takeIdle(): Worker | null {
  const entry = idle.pop();
  if (!entry) return null;
  const { thread, timer, onExit } = entry;
  clearTimeout(timer);
  thread.off('exit', onExit);
  thread.ref();
  return thread;
}

/** A batch replay worker thread: initialise once, then replay chunks (several may be in flight, run in order). */
export class ReplayWorker {
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (raw: unknown) => this.settle(raw));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the replay worker stopped (exit code ${code})`)));
  }

  /**
   * Start a worker and have it verify the artifact and create its session. Returns at once; `ready` settles
   * when the worker is ready, so the caller can read the decisions meanwhile.
   */
  static start(init: Omit<WorkerInit, 'type'>): { worker: ReplayWorker; ready: Promise<void> } {
    // A reused thread verifies the artifact again on init, like a new one: the check runs before every batch.
    const client = new ReplayWorker(takeIdle() ?? new Worker(builtWorkerFile('replay-batch.worker.cjs', 'batch replay')));
    const ready = client.send(0, { type: 'init', ...init }).then(
      () => undefined,
      async (error: unknown) => {
        await client.terminate();
        throw error;
      },
    );
    // The caller may still be reading decisions when init fails: it awaits `ready` afterwards.
    ready.catch(() => undefined);
    return { worker: client, ready };
  }

  /** Replay one chunk of logged decisions in the worker. */
  async replay(chunk: Omit<WorkerChunk, 'type' | 'seq'>): Promise<ChunkOutcomes> {
    const seq = ++this.seq;
    const reply = await this.send(seq, { type: 'chunk', seq, ...chunk });
    if (reply.type !== 'result') throw new Error(`unexpected worker reply ${reply.type}`);
    return reply.outcomes;
  }

  /** Keep the thread for the next batch (after a batch that ended normally); stopped after IDLE_MS unused. */
  release(): void {
    if (this.pending.size > 0 || idle.length >= MAX_REPLAY_THREADS) {
      void this.terminate();
      return;
    }
    // Only ours: Worker keeps its own 'newListener'/'removeListener' hooks, which start message delivery.
    for (const event of ['message', 'error', 'exit']) this.worker.removeAllListeners(event);
    this.worker.unref();
    const thread = this.worker;
    // A thread that dies while idle must not be handed to the next batch, which would wait for it forever.
    const onExit = () => {
      const at = idle.findIndex((e) => e.thread === thread);
      if (at < 0) return;
      clearTimeout((idle[at] as (typeof idle)[number]).timer);
      idle.splice(at, 1);
    };
    const timer = setTimeout(() => void thread.terminate(), IDLE_MS);
    timer.unref();
    thread.once('exit', onExit);
    idle.push({ thread, timer, onExit });
  }

  /** Stop the thread (also how a cancelled batch stops mid-chunk). */
  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    this.failAll(new Error('the replay worker was stopped'));
  }

  private send(seq: number, message: WorkerInit | WorkerChunk): Promise<WorkerReply> {
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker.postMessage(message, message.type === 'chunk' ? [message.ids.buffer] : []);
    });
  }

  private settle(raw: unknown): void {
    let reply: WorkerReply;
    try {
      reply = WorkerReplySchema.parse(raw);
    } catch (error) {
      this.failAll(error as Error);
      return;
    }
    const seq = reply.type === 'ready' ? 0 : reply.seq;
    // An error outside any chunk (a malformed message) fails everything in flight.
    if (seq === null) return this.failAll(asAttestError(reply));
    const pending = this.pending.get(seq);
    this.pending.delete(seq);
    if (!pending) return;
    if (reply.type === 'error') pending.reject(asAttestError(reply));
    else pending.resolve(reply);
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}

function asAttestError(reply: WorkerReply): Error {
  if (reply.type !== 'error') return new Error(`unexpected worker reply ${reply.type}`);
  return new AttestError(reply.error.code, reply.error.message, reply.error.hint, reply.error.details);
}
