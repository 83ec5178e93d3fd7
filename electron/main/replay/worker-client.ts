import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AttestError } from '../core/errors';
import type { RowOutcome } from './decision-verdict';
import { type WorkerChunk, type WorkerInit, type WorkerReply, WorkerReply as WorkerReplySchema } from './worker-protocol';

const WORKER_FILE = 'replay-batch.worker.cjs';

/** Where the build put the worker: dist/workers beside the bundled CLI or Electron main, or in the repo's dist/. */
export function replayWorkerFile(): string {
  const candidates = [
    join(__dirname, 'workers', WORKER_FILE),
    resolve(__dirname, '..', 'workers', WORKER_FILE),
    resolve(__dirname, '..', '..', '..', 'dist', 'workers', WORKER_FILE),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new AttestError('unsupported', `The batch replay worker is not built (${WORKER_FILE} is missing from dist/workers).`, 'Run `npm run build` in the Attest folder, then try again.');
  }
  return found;
}

/** A batch replay worker thread: initialise once, then replay chunks one after another. */
export class ReplayWorker {
  private pending: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null;
  private seq = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (raw: unknown) => this.settle(() => WorkerReplySchema.parse(raw)));
    worker.on('error', (error) => this.settle(() => { throw error; }));
    worker.on('exit', (code) => this.settle(() => { throw new Error(`the replay worker stopped (exit code ${code})`); }));
  }

  /** Start a worker and have it verify and load the artifact. */
  static async start(init: Omit<WorkerInit, 'type'>): Promise<ReplayWorker> {
    const client = new ReplayWorker(new Worker(replayWorkerFile()));
    try {
      await client.send({ type: 'init', ...init });
    } catch (error) {
      await client.terminate();
      throw error;
    }
    return client;
  }

  /** Replay one chunk of decisions in the worker. */
  async replay(decisions: WorkerChunk['decisions']): Promise<RowOutcome[]> {
    const reply = await this.send({ type: 'chunk', seq: ++this.seq, decisions });
    if (reply.type !== 'result') throw new Error(`unexpected worker reply ${reply.type}`);
    return reply.outcomes;
  }

  /** Stop the thread (also how a cancelled batch stops mid-chunk). */
  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private send(message: WorkerInit | WorkerChunk): Promise<WorkerReply> {
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  private settle(read: () => WorkerReply): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    try {
      const reply = read();
      if (reply.type === 'error') pending.reject(new AttestError(reply.error.code, reply.error.message, reply.error.hint, reply.error.details));
      else pending.resolve(reply);
    } catch (error) {
      pending.reject(error as Error);
    }
  }
}
