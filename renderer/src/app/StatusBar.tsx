import { invoke } from '../lib/ipc';
import { useQuery } from '../lib/useQuery';
import { formatCount } from '../lib/format';

/** Which workspace is open, what it holds, who is acting. */
export function StatusBar() {
  const [state] = useQuery(() => invoke('workspace:info', {}), 'workspace');
  if (state.status !== 'ready') {
    return <footer className="statusbar">{state.status === 'error' ? `Workspace: ${state.message}` : 'Opening workspace…'}</footer>;
  }
  const info = state.data;
  const unverified = info.snapshots.filter((s) => s.verification === 'unverified').length;
  return (
    <footer className="statusbar">
      <span title={info.root}>Workspace: {info.root}</span>
      <span>
        {info.counts.snapshots} snapshots{unverified > 0 ? ` (${unverified} unverified)` : ''}
      </span>
      <span>{formatCount(info.counts.decisions)} logged decisions</span>
      <span>
        {info.actor.displayName} · Attest {info.appVersion}
      </span>
    </footer>
  );
}
