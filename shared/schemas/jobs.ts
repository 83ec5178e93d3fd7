import { z } from 'zod';
import { ErrorPayload } from '../ipc/envelope';

/** A long-running job started by a channel; progress arrives as `job:progress` events. */
export const JobRef = z.object({ jobId: z.string() });
export type JobRef = z.infer<typeof JobRef>;

export const JobProgress = z.object({
  jobId: z.string(),
  kind: z.string(),
  phase: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative().nullable(),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobStatus = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: JobState,
  progress: JobProgress.nullable(),
  result: z.unknown().optional(),
  error: ErrorPayload.optional(),
});
export type JobStatus = z.infer<typeof JobStatus>;
