import type { JobView } from '../lib/useJob';
import { cancelJob } from '../lib/useJob';

/** Progress of a long job with a Cancel button; announces its end. */
export function JobProgressBar({ jobId, view, label }: { jobId: string; view: JobView; label: string }) {
  const running = view.status === null || view.status.state === 'running';
  const p = view.progress;
  const share = p && p.total ? Math.min(100, Math.floor((100 * p.done) / Math.max(p.total, 1))) : null;
  return (
    <div className="job" aria-live="polite">
      <div className="job-head">
        <strong>{label}</strong>
        {running ? (
          <button type="button" onClick={() => void cancelJob(jobId)}>
            Cancel
          </button>
        ) : null}
      </div>
      {running ? (
        <>
          <progress max={100} value={share ?? undefined} aria-label={`${label} progress`} />
          <p className="muted">{p ? `${p.phase}: ${p.message}` : 'Starting…'}</p>
        </>
      ) : null}
      {view.status?.state === 'cancelled' ? <p>Cancelled; nothing was kept from this run.</p> : null}
      {view.status?.state === 'failed' ? (
        <div className="error-box" role="alert">
          <p>
            <strong>{view.status.error?.message}</strong>
          </p>
          {view.status.error?.hint ? <p>{view.status.error.hint}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
