import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../../shared/schemas/sync';
import { ImportSummary } from '../../../../shared/schemas/sync';
import { JobProgressBar } from '../../components/JobProgressBar';
import { LiveSyncPanel } from './LiveSyncPanel';
import { ErrorMessage } from '../../components/StatusMessage';
import { IpcError, invoke, isDesktop, onEvent, uploadDroppedFile } from '../../lib/ipc';
import { useJob } from '../../lib/useJob';
import { SnapshotCompare } from './SnapshotCompare';
import { VerificationCard } from './VerificationCard';

type Check = { status: 'idle' } | { status: 'checking' } | { status: 'done'; result: ImportPreview } | { status: 'error'; message: string; hint?: string | undefined };

/** Verify, then import a bundle, MLflow export folder or OpenLineage file, with progress, cancel and a diff. */
export function ImportPage() {
  const [path, setPath] = useState('');
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [allowUnverified, setAllowUnverified] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [synced, setSynced] = useState<number | null>(null);
  useEffect(() => onEvent('shell:import-requested', ({ path: chosen }) => choose(chosen)), []);
  function choose(chosen: string) {
    setPath(chosen);
    setJobId(null);
    setCheck({ status: 'checking' });
    invoke('import:verify', { path: chosen, allowUnverified: true }).then(
      (result) => setCheck({ status: 'done', result }),
      (e: unknown) => setCheck({ status: 'error', message: e instanceof Error ? e.message : String(e), hint: e instanceof IpcError ? e.hint : undefined }),
    );
  }
  const browse = () => void invoke('desktop:chooseImport', {}).then((r) => r.path && choose(r.path));
  const drop = (event: React.DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    // In the desktop app the preload has already turned the drop into a path (shell:import-requested).
    if (!file || isDesktop()) return;
    setCheck({ status: 'checking' });
    uploadDroppedFile(file).then(choose, (e: unknown) =>
      setCheck({ status: 'error', message: e instanceof Error ? e.message : String(e), hint: e instanceof IpcError ? e.hint : undefined }),
    );
  };
  const start = () => void invoke('import:start', { path, allowUnverified }).then((ref) => setJobId(ref.jobId));
  const summary = job.status?.state === 'succeeded' ? ImportSummary.safeParse(job.status.result) : null;
  const isUnverified = check.status === 'done' && check.result.kind === 'bundle' && check.result.verification !== 'verified';
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <div className="dropzone" role="region" aria-label="Drop a file to import" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        Drop a bundle, an MLflow export file or OpenLineage events here, or give its path below.
      </div>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), choose(path))}>
        <label className="grow">
          Bundle, MLflow export folder or OpenLineage events file
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/media/usb/registry-2026-10.attest.gz" />
        </label>
        <button type="submit" disabled={!path.trim()}>
          Check
        </button>
        {isDesktop() ? (
          <button type="button" onClick={browse}>
            Choose…
          </button>
        ) : null}
      </form>
      {check.status === 'checking' ? <p role="status">Checking signature and hashes…</p> : null}
      {check.status === 'error' ? <ErrorMessage message={check.message} hint={check.hint} /> : null}
      {check.status === 'done' && check.result.kind === 'bundle' ? <VerificationCard result={check.result} /> : null}
      {check.status === 'done' && check.result.kind !== 'bundle' ? (
        <p className="notice" role="status">
          {check.result.message}
        </p>
      ) : null}
      {check.status === 'done' ? (
        <div className="toolbar">
          {isUnverified ? (
            <label className="inline">
              <input type="checkbox" checked={allowUnverified} onChange={(e) => setAllowUnverified(e.target.checked)} /> Import although it is not
              verified (it will be marked UNVERIFIED everywhere)
            </label>
          ) : null}
          <button type="button" className="primary" onClick={start} disabled={(isUnverified && !allowUnverified) || (jobId !== null && !job.status)}>
            Import
          </button>
        </div>
      ) : null}
      {jobId ? <JobProgressBar jobId={jobId} view={job} label="Importing" /> : null}
      {summary?.success ? (
        <p className={summary.data.alreadyImported ? 'notice' : 'verdict pass'} role="status">
          {summary.data.message}
        </p>
      ) : null}
      <LiveSyncPanel onSynced={setSynced} />
      <SnapshotCompare
        key={summary?.success ? summary.data.snapshotId : `history-${synced ?? ''}`}
        refreshKey={`${job.status?.state ?? 'none'}-${synced ?? ''}`}
        focus={summary?.success ? summary.data.snapshotId : (synced ?? undefined)}
      />
    </section>
  );
}
