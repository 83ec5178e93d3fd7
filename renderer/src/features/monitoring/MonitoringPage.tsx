import { useState } from 'react';
import { JobProgressBar } from '../../components/JobProgressBar';
import { ModelVersionPicker, type ModelVersion } from '../../components/ModelVersionPicker';
import { EmptyState, ErrorMessage, Loading } from '../../components/StatusMessage';
import { invoke } from '../../lib/ipc';
import { useJob } from '../../lib/useJob';
import { useQuery } from '../../lib/useQuery';
import { FairnessPanel } from './FairnessPanel';
import { MonitoringCharts } from './MonitoringCharts';
import { formatCount } from '../../lib/format';

/** Drift, performance and fairness of one model version, computed locally from its decision log. */
export function MonitoringPage() {
  const [target, setTarget] = useState<ModelVersion | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const finished = job.status?.state === 'succeeded' ? job.status.jobId : 'none';
  const [state, reload] = useQuery(
    () => (target ? invoke('monitoring:results', { ...target, window: 'month' }) : Promise.resolve(null)),
    `${target?.model}/${target?.version}/${finished}`,
  );
  const compute = () => {
    if (target) void invoke('monitoring:compute', { ...target, window: 'month' }).then((ref) => setJobId(ref.jobId));
  };
  return (
    <section aria-labelledby="monitoring-title">
      <header className="page-header">
        <h1 id="monitoring-title">Monitoring</h1>
        <div className="toolbar">
          <ModelVersionPicker value={target} onChange={setTarget} />
          <button type="button" onClick={compute} disabled={!target}>
            Compute now
          </button>
        </div>
      </header>
      {jobId ? <JobProgressBar jobId={jobId} view={job} label="Computing monitoring" /> : null}
      {!target ? <p className="muted">Choose a model version to see its drift, performance and fairness.</p> : null}
      {state.status === 'loading' && target ? <Loading what="monitoring results" /> : null}
      {state.status === 'error' ? <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data && !state.data.run ? (
        <EmptyState title="Not computed yet">
          <p>Monitoring for this version has not been computed in this workspace. Use “Compute now”.</p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.data?.run ? (
        <>
          <p className="summary">
            {formatCount(state.data.run.decisionCount)} decisions, reference {state.data.run.referenceDataset ?? 'none'}, computed{' '}
            {state.data.run.computedAt.replace('T', ' ').slice(0, 19)} UTC by {state.data.run.actor}
          </p>
          {state.data.run.notes.map((n) => (
            <p key={n} className="notice">
              {n}
            </p>
          ))}
          <MonitoringCharts data={state.data} />
          <FairnessPanel rows={state.data.fairness} />
        </>
      ) : null}
    </section>
  );
}
