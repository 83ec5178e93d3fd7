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
 * Sync a live MLflow server as a snapshot, with progress and cancel. A sign-in typed here (a bearer token, or a
 * username and password for MLflow's basic auth) goes once to main, which keeps it in the OS keychain; it never
 * comes back (the fields are write-only). Without a keychain (the browser console), the panel says so and the
 * environment's credentials are used.
 */
export function LiveSyncPanel({ onSynced }: { onSynced: (snapshotId: number) => void }) {
  const [url, setUrl] = useState('');
  const [signIn, setSignIn] = useState<SignInFields>(EMPTY_SIGN_IN);
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
      invoke('credentials:save', signIn.kind === 'token' ? { url, token: signIn.token } : { url, username: signIn.username, password: signIn.password }).then((s) => {
        setSignIn({ ...EMPTY_SIGN_IN, kind: signIn.kind });
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
      {status ? <SignInForm server={status.server} canSave={status.keychain.available} hasSaved={status.saved !== null} fields={signIn} onChange={setSignIn} onSave={save} onForget={forget} /> : null}
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
          : `Saving a token or password is not possible here. ${status.keychain.message}`}
      </p>
    </div>
  );
}

type SignInFields = { kind: 'token' | 'basic'; token: string; username: string; password: string };
const EMPTY_SIGN_IN: SignInFields = { kind: 'token', token: '', username: '', password: '' };

/** The write-only sign-in fields: a bearer token, or a username and password (MLflow's basic-auth app). */
function SignInForm(props: {
  server: string;
  canSave: boolean;
  hasSaved: boolean;
  fields: SignInFields;
  onChange: (fields: SignInFields) => void;
  onSave: () => void;
  onForget: () => void;
}) {
  const { server, canSave, fields, onChange } = props;
  const isComplete = fields.kind === 'token' ? fields.token !== '' : fields.username !== '' && fields.password !== '';
  const signInField = (label: string, key: 'token' | 'username' | 'password') => (
    <label className="grow">
      {label}
      <input
        type={key === 'username' ? 'text' : 'password'}
        autoComplete="off"
        value={fields[key]}
        onChange={(e) => onChange({ ...fields, [key]: e.target.value })}
        disabled={!canSave}
      />
    </label>
  );
  return (
    <form className="toolbar" onSubmit={(e) => (e.preventDefault(), props.onSave())}>
      <label>
        Sign in with
        <select value={fields.kind} onChange={(e) => onChange({ ...EMPTY_SIGN_IN, kind: e.target.value === 'basic' ? 'basic' : 'token' })}>
          <option value="token">Access token</option>
          <option value="basic">Username and password</option>
        </select>
      </label>
      {fields.kind === 'token' ? signInField(`Access token for ${server} (kept in the OS keychain; never shown again)`, 'token') : null}
      {fields.kind === 'basic' ? signInField(`Username for ${server}`, 'username') : null}
      {fields.kind === 'basic' ? signInField('Password (kept in the OS keychain with the username; never shown again)', 'password') : null}
      <button type="submit" disabled={!canSave || !isComplete}>
        {fields.kind === 'token' ? 'Save token' : 'Save username and password'}
      </button>
      {props.hasSaved ? (
        <button type="button" onClick={props.onForget}>
          Forget saved sign-in
        </button>
      ) : null}
    </form>
  );
}
