import { useEffect, useState } from 'react';
import type { JobProgress, JobStatus } from '../../../shared/schemas/jobs';
import { invoke, onEvent } from './ipc';

export interface JobView {
  progress: JobProgress | null;
  status: JobStatus | null;
}

/** Follow a job's progress and end through push events (and one status read, in case it already ended). */
export function useJob(jobId: string | null): JobView {
  const [view, setView] = useState<{ jobId: string | null } & JobView>({ jobId: null, progress: null, status: null });
  useEffect(() => {
    if (!jobId) return;
    const offProgress = onEvent('job:progress', (p) => {
      if (p.jobId === jobId) setView((v) => ({ ...v, jobId, progress: p }));
    });
    const offFinished = onEvent('job:finished', (s) => {
      if (s.jobId === jobId) setView((v) => ({ ...v, jobId, status: s }));
    });
    void invoke('jobs:get', { jobId }).then((s) => {
      if (s.state !== 'running') setView((v) => ({ ...v, jobId, status: s }));
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [jobId]);
  return view.jobId === jobId ? view : { progress: null, status: null };
}

/** Ask main to cancel a job; it stops at its next checkpoint and rolls back. */
export function cancelJob(jobId: string): Promise<JobStatus> {
  return invoke('jobs:cancel', { jobId });
}
