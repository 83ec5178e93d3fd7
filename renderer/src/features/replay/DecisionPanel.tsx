import { useState } from 'react';
import type { DecisionReplay } from '../../../../shared/schemas/replay';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';
import { ReplayResult } from './ReplayResult';

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; replay: DecisionReplay } | { status: 'error'; message: string; hint?: string | undefined };

/** One logged decision: its recorded inputs and outputs, and its replay on request. */
export function DecisionPanel({ decisionId }: { decisionId: string }) {
  const [detail, reload] = useQuery(() => invoke('decisions:get', { decisionId }), decisionId);
  const [run, setRun] = useState<{ id: string; run: Run }>({ id: decisionId, run: { status: 'idle' } });
  const current = run.id === decisionId ? run.run : { status: 'idle' as const };
  const replay = () => {
    setRun({ id: decisionId, run: { status: 'running' } });
    invoke('replay:decision', { decisionId }).then(
      (result) => setRun({ id: decisionId, run: { status: 'done', replay: result } }),
      (error: unknown) =>
        setRun({
          id: decisionId,
          run: { status: 'error', message: error instanceof Error ? error.message : String(error), hint: error instanceof IpcError ? error.hint : undefined },
        }),
    );
  };
  if (detail.status === 'loading') return <Loading what="the decision" />;
  if (detail.status === 'error') return <ErrorMessage message={detail.message} hint={detail.hint} onRetry={reload} />;
  const d = detail.data;
  return (
    <article aria-labelledby="decision-title">
      <h2 id="decision-title" className="mono">
        {d.decisionId}
      </h2>
      <p>
        {d.model} v{d.version}, decided {d.decidedAt.replace('T', ' ').slice(0, 19)} UTC
        {d.requestId ? `, request ${d.requestId}` : ''}: <strong>{d.decision ?? 'no decision recorded'}</strong>
      </p>
      <table className="data compact">
        <caption>Recorded inputs</caption>
        <tbody>
          {Object.entries(d.inputs).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="mono">{JSON.stringify(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={replay} disabled={current.status === 'running'}>
        {current.status === 'running' ? 'Replaying…' : 'Replay this decision'}
      </button>
      {current.status === 'error' ? <ErrorMessage message={current.message} hint={current.hint} /> : null}
      {current.status === 'done' ? <ReplayResult replay={current.replay} /> : null}
    </article>
  );
}
