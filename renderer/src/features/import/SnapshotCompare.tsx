import { useState } from 'react';
import { ErrorMessage, Loading } from '../../components/StatusMessage';
import { invoke } from '../../lib/ipc';
import { useQuery } from '../../lib/useQuery';
import { DiffView } from './DiffView';

/**
 * Pick two snapshots of the workspace's history and show what changed between them. With `focus` (a snapshot
 * just imported), it compares that snapshot with the one before it in observation order.
 */
export function SnapshotCompare({ refreshKey, focus }: { refreshKey: string; focus?: number | undefined }) {
  const [snapshots] = useQuery(() => invoke('snapshots:list', {}), `snapshots/${refreshKey}`);
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const list = snapshots.status === 'ready' ? snapshots.data : [];
  const last = list.at(-1);
  const chosen = pair ?? defaultPair(list.map((s) => s.id), focus);
  const [diff] = useQuery(
    () => (chosen ? invoke('history:diff', chosen) : Promise.resolve(null)),
    `${chosen?.from}-${chosen?.to}/${refreshKey}`,
  );
  if (snapshots.status === 'loading') return <Loading what="snapshots" />;
  if (snapshots.status === 'error') return <ErrorMessage message={snapshots.message} hint={snapshots.hint} />;
  if (list.length < 2) return <p className="muted">Two snapshots are needed to compare; this workspace has {list.length}.</p>;
  const option = (s: (typeof list)[number]) => (
    <option key={s.id} value={s.id}>
      #{s.id} · {s.observedAt.slice(0, 10)} · {s.label} {s.verification === 'unverified' ? '(UNVERIFIED)' : ''}
    </option>
  );
  return (
    <section className="panel" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare snapshots</h2>
      <div className="toolbar">
        <label>
          From
          <select aria-label="From snapshot" value={chosen?.from} onChange={(e) => setPair({ from: Number(e.target.value), to: chosen?.to ?? last!.id })}>
            {list.map(option)}
          </select>
        </label>
        <label>
          To
          <select aria-label="To snapshot" value={chosen?.to} onChange={(e) => setPair({ from: chosen?.from ?? list[0]!.id, to: Number(e.target.value) })}>
            {list.map(option)}
          </select>
        </label>
      </div>
      {diff.status === 'loading' ? <Loading what="the differences" /> : null}
      {diff.status === 'error' ? <ErrorMessage message={diff.message} hint={diff.hint} /> : null}
      {diff.status === 'ready' && diff.data ? <DiffView diff={diff.data} /> : null}
    </section>
  );
}

/** The focused snapshot and its predecessor, else the last two snapshots. */
function defaultPair(ids: number[], focus: number | undefined): { from: number; to: number } | null {
  const at = focus === undefined ? -1 : ids.indexOf(focus);
  if (at > 0) return { from: ids[at - 1]!, to: ids[at]! };
  if (at === 0 && ids.length > 1) return { from: ids[0]!, to: ids[1]! };
  return ids.length > 1 ? { from: ids.at(-2)!, to: ids.at(-1)! } : null;
}
