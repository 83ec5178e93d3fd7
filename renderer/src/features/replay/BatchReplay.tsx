import { useState } from 'react';
import { ReplayBatchSummary } from '../../../../shared/schemas/replay';
import { JobProgressBar } from '../../components/JobProgressBar';
import { ErrorMessage } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useJob } from '../../lib/useJob';
import { VERDICT_TEXT, formatDiff } from './verdict';
import { formatCount } from '../../lib/format';

/** Replay every logged decision of one model version, with progress and cancel. */
export function BatchReplay({ model, version }: { model: string; version: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | Error | null>(null);
  const job = useJob(jobId);
  const start = () => {
    setError(null);
    invoke('replay:batch', { model, version }).then(
      (ref) => setJobId(ref.jobId),
      (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  const summary = job.status?.state === 'succeeded' ? ReplayBatchSummary.safeParse(job.status.result) : null;
  const running = jobId !== null && (job.status === null || job.status.state === 'running');
  return (
    <section className="panel" aria-labelledby="batch-title">
      <h2 id="batch-title">Batch replay</h2>
      {model && version ? (
        <button type="button" onClick={start} disabled={running}>
          Replay all decisions of {model} v{version}
        </button>
      ) : (
        <p className="muted">Choose a model and a version above to replay all of its logged decisions.</p>
      )}
      {error ? <ErrorMessage message={error.message} hint={error instanceof IpcError ? error.hint : undefined} /> : null}
      {jobId ? <JobProgressBar jobId={jobId} view={job} label={`Replaying ${model} v${version}`} /> : null}
      {summary?.success ? <BatchSummary summary={summary.data} /> : null}
    </section>
  );
}

function BatchSummary({ summary }: { summary: ReplayBatchSummary }) {
  const isPass = summary.failures.length === 0;
  return (
    <div>
      <p className={isPass ? 'verdict pass' : 'verdict fail'} role="status">
        <strong>{summary.reproducedPercent.toFixed(2)}% reproduced</strong> of {formatCount(summary.total)} decisions (max
        |difference| {formatDiff(summary.maxAbsDiff)}, atol {summary.tolerance.atol}, rtol {summary.tolerance.rtol}).
      </p>
      <ul>
        {Object.entries(summary.counts).map(([verdict, n]) => (
          <li key={verdict}>
            {VERDICT_TEXT[verdict as keyof typeof VERDICT_TEXT].label}: {formatCount(n)}
          </li>
        ))}
      </ul>
      {summary.failures.length > 0 ? (
        <p>
          First failures: {summary.failures.map((f) => `${f.decisionId} (${VERDICT_TEXT[f.verdict].label})`).join(', ')}
        </p>
      ) : null}
    </div>
  );
}
