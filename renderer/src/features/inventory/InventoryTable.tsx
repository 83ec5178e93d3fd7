import type { InventoryModel } from '../../../../shared/schemas/registry';

/** One row per model version, grouped under its model, with governance fields on the model row. */
export function InventoryTable({ models, asOf }: { models: InventoryModel[]; asOf: string | null }) {
  const versionCount = models.reduce((n, m) => n + m.versions.length, 0);
  return (
    <>
      <p className="summary" aria-live="polite">
        {models.length} models, {versionCount} versions{asOf ? ` as of ${asOf.slice(0, 10)}` : ''}
      </p>
      <table className="inventory">
        <thead>
          <tr>
            <th scope="col">Model / version</th>
            <th scope="col">Aliases</th>
            <th scope="col">Stage</th>
            <th scope="col">Risk tier</th>
            <th scope="col">Owner</th>
            <th scope="col">Last validation</th>
            <th scope="col">Artifact SHA-256</th>
            <th scope="col">Decisions</th>
          </tr>
        </thead>
        {models.map((m) => (
          <tbody key={m.name}>
            <tr className="model-row">
              <th scope="rowgroup" colSpan={3}>
                {m.name}
                {m.useCase ? <span className="muted"> · {m.useCase}</span> : null}
              </th>
              <td>{m.riskTier ?? '—'}</td>
              <td>{m.owner ?? '—'}</td>
              <td>
                {m.lastValidatedAt?.slice(0, 10) ?? '—'}
                {m.isValidationOverdue ? <span className="badge danger"> validation overdue</span> : null}
              </td>
              <td colSpan={2} />
            </tr>
            {m.versions.map((v) => (
              <tr key={v.version}>
                <td className="version">
                  v{v.version}
                  {v.verification === 'unverified' ? <span className="badge danger"> unverified snapshot</span> : null}
                </td>
                <td>
                  {v.aliases.map((a) => (
                    <span key={a} className="badge">
                      {a}
                    </span>
                  ))}
                </td>
                <td>{v.stage ?? '—'}</td>
                <td colSpan={3} className="muted">
                  created {v.createdAt.slice(0, 10)}
                </td>
                <td className="mono" title={v.artifactSha256 ?? 'no artifact recorded'}>
                  {v.artifactSha256 ? v.artifactSha256.slice(0, 12) : '—'}
                </td>
                <td className="num">{v.decisionCount.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </>
  );
}
