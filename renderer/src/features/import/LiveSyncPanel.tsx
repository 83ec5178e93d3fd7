import { useEffect, useState } from 'react';
import type { CredentialStatus } from '../../../../shared/schemas/credentials';
import { ImportSummary } from '../../../../shared/schemas/sync';
import { JobProgressBar } from '../../components/JobProgressBar';
import { ErrorMessage } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useJob } from '../../lib/useJob';

type Failure = { message: string; hint?: string | undefined } | null;

const failureOf = (e: unknown): Failure => ({
  message: e instanceof Error ? e.message : String(e),
  hint: e instanceof IpcError ? e.hint : undefined,
});

/**
 * Sync a live MLflow server as a snapshot, with progress and cancel. A token typed here goes once to main, which
 * keeps it in the OS keychain; it never comes back (the field is write-only). Without a keychain (the browser
 * console), the panel says so and the environment's credentials are used.
 */
export function LiveSyncPanel({ onSynced }: { onSynced: (snapshotId: number) => void }) {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<CredentialStatus | null>(null);
  const [failure, setFailure] = useState<Failure>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const summary = job.status?.state === 'succeeded' ? ImportSummary.safeParse(job.status.result) : null;
  const run = (work: Promise<unknown>) =>
    void work.then(
      () => setFailure(null),
      (e: unknown) => setFailure(failureOf(e)),
    );
  const check = () => run(invoke('credentials:status', { url }).then(setStatus));
  const save = () =>
    run(
      invoke('credentials:save', { url, token }).then((s) => {
        setToken('');
        setStatus(s);
      }),
    );
  const forget = () => run(invoke('credentials:forget', { url }).then((r) => setStatus(r.status)));
  const sync = () => run(invoke('sync:mlflow', { url }).then((ref) => setJobId(ref.jobId)));
  const running = jobId !== null && !job.status;
  const syncedId = summary?.success ? summary.data.snapshotId : null;
  useEffect(() => {
    if (syncedId !== null) onSynced(syncedId);
  }, [syncedId, onSynced]);
  return (
    <section className="panel" aria-labelledby="live-sync-title">
      <h2 id="live-sync-title">Live sync from MLflow</h2>
      <form className="toolbar" onSubmit={(e) => (e.preventDefault(), check())}>
        <label className="grow">
          MLflow tracking server URL
          <input
            value={url}
            onChange={(e) => (setUrl(e.target.value), setStatus(null))}
            placeholder="https://mlflow.bank.internal"
          />
        </label>
        <button type="submit" disabled={!url.trim()}>
          Show credentials
        </button>
        <button type="button" className="primary" onClick={sync} disabled={!url.trim() || running}>
          Sync now
        </button>
      </form>
      {status ? <CredentialNotice status={status} /> : null}
      {status ? (
        <form className="toolbar" onSubmit={(e) => (e.preventDefault(), save())}>
          <label className="grow">
            Access token for {status.server} (kept in the OS keychain; never shown again)
            <input
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              disabled={!status.keychain.available}
            />
          </label>
          <button type="submit" disabled={!status.keychain.available || !token}>
            Save token
          </button>
          {status.saved ? (
            <button type="button" onClick={forget}>
              Forget token
            </button>
          ) : null}
        </form>
      ) : null}
      {failure ? <ErrorMessage message={failure.message} hint={failure.hint} /> : null}
      {jobId ? <JobProgressBar jobId={jobId} view={job} label="Syncing" /> : null}
      {summary?.success ? (
        <p className={summary.data.alreadyImported ? 'notice' : 'verdict pass'} role="status">
          {summary.data.message}
        </p>
      ) : null}
    </section>
  );
}

/** Whether a keychain exists here and what a sync would send, in words. */
function CredentialNotice({ status }: { status: CredentialStatus }) {
  return (
    <div className="notice" role="status">
      <p>{status.message}</p>
      <p>
        {status.keychain.available
          ? status.keychain.message
          : `Saving a token is not possible here. ${status.keychain.message}`}
      </p>
    </div>
  );
}
