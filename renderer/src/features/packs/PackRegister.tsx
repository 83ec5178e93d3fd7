import { useState } from 'react';
import type { PackRecord, PackVerification } from '../../../../shared/schemas/pack';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { IpcError, invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';

const KIND_TEXT = { 'eu-ai-act': 'EU AI Act (A)', 'model-risk': 'Model risk (B)', decision: 'Decision (C)' } as const;

/** Generated packs with their fingerprints; verify one, or open it in the system viewer. */
export function PackRegister({ model, version, refreshKey }: { model: string; version: string; refreshKey: string }) {
  const [state, reload] = useQuery(() => invoke('packs:list', { model, version }), `${model}/${version}/${refreshKey}`);
  if (state.status === 'loading') return <Loading what="generated packs" />;
  if (state.status === 'error') return <ErrorMessage message={state.message} hint={state.hint} onRetry={reload} />;
  if (state.data.packs.length === 0) return <p className="muted">No packs generated for this version yet.</p>;
  return (
    <table className="data">
      <caption>Generated packs</caption>
      <thead>
        <tr>
          <th scope="col">Pack</th>
          <th scope="col">As of</th>
          <th scope="col">Created</th>
          <th scope="col">Gaps</th>
          <th scope="col">PDF SHA-256</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {state.data.packs.map((p) => (
          <PackRow key={p.packId} pack={p} />
        ))}
      </tbody>
    </table>
  );
}

function PackRow({ pack }: { pack: PackRecord }) {
  const [result, setResult] = useState<PackVerification | { error: string; hint?: string | undefined } | null>(null);
  const run = (action: Promise<unknown>, onOk: (v: unknown) => void) =>
    action.then(onOk, (e: unknown) => setResult({ error: e instanceof Error ? e.message : String(e), hint: e instanceof IpcError ? e.hint : undefined }));
  return (
    <>
      <tr>
        <th scope="row">
          {KIND_TEXT[pack.kind]}
          <div className="muted mono">{pack.packId}</div>
        </th>
        <td>{pack.asOf.slice(0, 10)}</td>
        <td>
          {pack.createdAt.replace('T', ' ').slice(0, 16)} by {pack.actor}
        </td>
        <td className="num">{pack.gapCount}</td>
        <td className="mono" title={pack.pdfSha256}>
          {pack.pdfSha256.slice(0, 16)}…
        </td>
        <td>
          <button type="button" onClick={() => void run(invoke('packs:verify', { packId: pack.packId }), (v) => setResult(v as PackVerification))}>
            Verify
          </button>{' '}
          <button type="button" onClick={() => void run(invoke('packs:open', { packId: pack.packId }), () => setResult(null))}>
            Open
          </button>
        </td>
      </tr>
      {result ? (
        <tr>
          <td colSpan={6}>{'error' in result ? <ErrorMessage message={result.error} hint={result.hint} /> : <VerificationList verification={result} />}</td>
        </tr>
      ) : null}
    </>
  );
}

function VerificationList({ verification }: { verification: PackVerification }) {
  return (
    <div className={verification.ok ? 'verdict pass' : 'verdict fail'} role="status">
      <strong>{verification.ok ? 'Pack verified' : 'Pack does NOT verify'}</strong>
      <ul>
        {verification.checks.map((c) => (
          <li key={c.name}>
            {c.ok ? '✓' : '✗'} {c.name}: {c.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
