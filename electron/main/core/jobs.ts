import { randomUUID } from 'node:crypto';
import type { JobProgress, JobRef, JobStatus } from '../../../shared/schemas/jobs';
import { AttestError, toErrorPayload } from './errors';
import type { EventBus } from './events';

/** What a running job sees: a cancel signal and a way to report progress. */
export interface JobControl {
  readonly signal: AbortSignal;
  report(phase: string, done: number, total: number | null, message: string): void;
  /** Throw a 'cancelled' error if the user asked to stop; call between units of work. */
  throwIfCancelled(): void;
}

interface JobEntry {
  status: JobStatus;
  controller: AbortController;
  done: Promise<JobStatus>;
  lastEmit: number;
}

const PROGRESS_INTERVAL_MS = 100;

/** Runs long work off the request path, publishing progress and honouring cancel. */
export class JobRunner {
  private readonly jobs = new Map<string, JobEntry>();

  constructor(private readonly bus: EventBus) {}

  /** Start `run` as a job of `kind`; returns at once with its id. */
  start<T>(kind: string, run: (job: JobControl) => Promise<T>): JobRef {
    const jobId = randomUUID();
    const controller = new AbortController();
    const entry: JobEntry = {
      status: { jobId, kind, state: 'running', progress: null },
      controller,
      done: Promise.resolve(undefined as unknown as JobStatus),
      lastEmit: 0,
    };
    const control = this.controlFor(entry);
    this.jobs.set(jobId, entry);
    entry.done = (async () => {
      try {
        entry.status = { ...entry.status, state: 'succeeded', result: await run(control) };
      } catch (error) {
        const payload = toErrorPayload(error);
        const cancelled = payload.code === 'cancelled' || controller.signal.aborted;
        entry.status = { ...entry.status, state: cancelled ? 'cancelled' : 'failed', error: payload };
      }
      this.bus.emit('job:finished', entry.status);
      return entry.status;
    })();
    return { jobId };
  }

  /** The job's current status. */
  get(jobId: string): JobStatus {
    return this.entry(jobId).status;
  }

  /** Ask the job to stop; it stops at its next checkpoint and undoes its partial work. */
  cancel(jobId: string): JobStatus {
    const entry = this.entry(jobId);
    if (entry.status.state === 'running') entry.controller.abort();
    return entry.status;
  }

  /** Wait for the job to end (used by the CLI and tests). */
  wait(jobId: string): Promise<JobStatus> {
    return this.entry(jobId).done;
  }

  private entry(jobId: string): JobEntry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AttestError('not-found', `No job with id ${jobId}.`, 'It may belong to an earlier session.');
    return entry;
  }

  private controlFor(entry: JobEntry): JobControl {
    const { controller } = entry;
    return {
      signal: controller.signal,
      report: (phase, done, total, message) => {
        const progress: JobProgress = { jobId: entry.status.jobId, kind: entry.status.kind, phase, done, total, message };
        entry.status = { ...entry.status, progress };
        const now = Date.now();
        // Throttled: a million-row import must not flood the window with events.
        if (now - entry.lastEmit >= PROGRESS_INTERVAL_MS || (total !== null && done >= total)) {
          entry.lastEmit = now;
          this.bus.emit('job:progress', progress);
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) {
          throw new AttestError('cancelled', 'Cancelled by the user; nothing was changed.');
        }
      },
    };
  }
}
