import { useState } from 'react';
import type { AuditVerification } from '../../../../shared/schemas/governance';
import { ErrorMessage } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { formatCount } from '../../lib/format';

type State = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: AuditVerification } | { status: 'error'; error: IpcError | Error };

/** Walks the hash chain on request and names the first broken link. */
export function ChainVerification() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const verify = () => {
    setState({ status: 'running' });
    invoke('audit:verify', {}).then(
      (result) => setState({ status: 'done', result }),
      (error: unknown) => setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  };
  return (
    <div className="panel" aria-live="polite">
      <button type="button" onClick={verify} disabled={state.status === 'running'}>
        {state.status === 'running' ? 'Verifying…' : 'Verify chain'}
      </button>
      {state.status === 'done' ? <VerificationResult result={state.result} /> : null}
      {state.status === 'error' ? (
        <ErrorMessage message={state.error.message} hint={state.error instanceof IpcError ? state.error.hint : undefined} />
      ) : null}
    </div>
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  if (result.ok) {
    return (
      <p className="ok-text" role="status">
        Chain intact: {formatCount(result.rowCount)} rows verified. Head hash <code>{result.headHash}</code>
        {result.appendOnlyEnforced ? '' : ' (warning: the append-only triggers are missing from this database)'}
      </p>
    );
  }
  const broken = result.firstBreak;
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>Chain broken at row {broken?.rowId}</strong>: {broken?.message}
      </p>
      {broken ? (
        <p>
          Field <code>{broken.field}</code>: expected <code>{broken.expected}</code>, found <code>{broken.found}</code>
        </p>
      ) : null}
      <p>Rows from this one on cannot be relied upon. Export the log and report it to the workspace owner.</p>
    </div>
  );
}
