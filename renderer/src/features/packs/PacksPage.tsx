import { useState } from 'react';
import type { PackKind } from '../../../../shared/schemas/pack';
import { JobProgressBar } from '../../components/JobProgressBar';
import { ModelVersionPicker, type ModelVersion } from '../../components/ModelVersionPicker';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useJob } from '../../lib/useJob';
import { useQuery } from '../../lib/useQuery';
import { ChecklistPanel } from './ChecklistPanel';
import { PackRegister } from './PackRegister';

/** Pick a pack kind and scope, complete the checklist, generate with progress, verify and open the result. */
export function PacksPage() {
  const [kind, setKind] = useState<PackKind>('eu-ai-act');
  const [target, setTarget] = useState<ModelVersion | null>(null);
  const [decisionId, setDecisionId] = useState('');
  const [asOf, setAsOf] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<IpcError | Error | null>(null);
  const job = useJob(jobId);
  const scope = target ? { kind, ...target, ...(kind === 'decision' && decisionId ? { decisionId } : {}), ...(asOf ? { asOf } : {}) } : null;
  const ready = scope !== null && (kind !== 'decision' || decisionId.trim() !== '');
  const [checklist, reloadChecklist] = useQuery(
    () => (ready && scope ? invoke('packs:checklist', scope) : Promise.resolve(null)),
    JSON.stringify(scope),
  );
  const generate = () => {
    if (!scope) return;
    setStartError(null);
    invoke('packs:generate', scope).then(
      (ref) => setJobId(ref.jobId),
      (e: unknown) => setStartError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  return (
    <section aria-labelledby="packs-title">
      <header className="page-header">
        <h1 id="packs-title">Packs</h1>
        <div className="toolbar">
          <label>
            Pack
            <select aria-label="Pack kind" value={kind} onChange={(e) => setKind(e.target.value as PackKind)}>
              <option value="eu-ai-act">A · EU AI Act technical documentation</option>
              <option value="model-risk">B · Model risk management</option>
              <option value="decision">C · Decision reproduction</option>
            </select>
          </label>
          <ModelVersionPicker value={target} onChange={setTarget} />
          {kind === 'decision' ? (
            <label>
              Decision id
              <input value={decisionId} onChange={(e) => setDecisionId(e.target.value)} placeholder="e.g. RCP-202602-000123" />
            </label>
          ) : null}
          <label>
            As of
            <input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          <button type="button" className="primary" onClick={generate} disabled={!ready}>
            Generate pack
          </button>
        </div>
      </header>
      {startError ? <ErrorMessage message={startError.message} hint={startError instanceof IpcError ? startError.hint : undefined} /> : null}
      {jobId ? <JobProgressBar jobId={jobId} view={job} label="Generating pack" /> : null}
      {!ready ? <p className="muted">Choose a model version{kind === 'decision' ? ' and a decision' : ''} to see what the pack will contain.</p> : null}
      {ready && checklist.status === 'loading' ? <Loading what="the checklist" /> : null}
      {checklist.status === 'error' ? <ErrorMessage message={checklist.message} hint={checklist.hint} onRetry={reloadChecklist} /> : null}
      {checklist.status === 'ready' && checklist.data && target ? (
        <ChecklistPanel checklist={checklist.data} model={target.model} version={target.version} onChanged={reloadChecklist} />
      ) : null}
      {target ? <PackRegister model={target.model} version={target.version} refreshKey={job.status?.state ?? 'none'} /> : null}
    </section>
  );
}
