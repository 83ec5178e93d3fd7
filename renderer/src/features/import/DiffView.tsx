import type { HistoryDiff } from '../../../../shared/schemas/sync';

/** What changed between two snapshots, section by section; empty sections say so. */
export function DiffView({ diff }: { diff: HistoryDiff }) {
  const sections: { title: string; lines: string[] }[] = [
    { title: 'Versions added', lines: diff.versionsAdded.map((v) => `${v.model} v${v.version}`) },
    { title: 'Versions retired', lines: diff.versionsRetired.map((v) => `${v.model} v${v.version}`) },
    { title: 'Alias moves', lines: diff.aliasMoves.map((m) => `${m.model} @${m.alias}: ${m.from ? `v${m.from}` : '—'} → ${m.to ? `v${m.to}` : '—'}`) },
    { title: 'Stage moves', lines: diff.stageMoves.map((m) => `${m.model} v${m.version}: ${m.from ?? '—'} → ${m.to ?? '—'}`) },
    { title: 'Changed metrics', lines: diff.metricChanges.map((m) => `${m.model} v${m.version} ${m.key}: ${m.from ?? '—'} → ${m.to ?? '—'}`) },
    { title: 'Changed dataset digests', lines: diff.datasetDigestChanges.map((d) => `${d.name}: ${d.from.map(short).join(', ') || '—'} → ${d.to.map(short).join(', ') || '—'}`) },
    { title: 'New upstream jobs', lines: diff.upstreamJobsAdded },
    { title: 'Vanished upstream jobs', lines: diff.upstreamJobsVanished },
  ];
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">
        Changes from snapshot {diff.from.id} ({diff.from.observedAt.slice(0, 10)}) to snapshot {diff.to.id} ({diff.to.observedAt.slice(0, 10)})
      </h2>
      <div className="diff-grid">
        {sections.map((s) => (
          <div key={s.title}>
            <h3>
              {s.title} ({s.lines.length})
            </h3>
            {s.lines.length === 0 ? (
              <p className="muted">none</p>
            ) : (
              <ul>
                {s.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

function short(digest: string): string {
  return digest.length > 16 ? `${digest.slice(0, 12)}…` : digest;
}
