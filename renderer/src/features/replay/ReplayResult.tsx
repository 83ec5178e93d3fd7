import type { DecisionReplay } from '../../../../shared/schemas/replay';
import { ContributionBarChart } from '../../charts/ContributionBarChart';
import { VERDICT_TEXT, formatDiff } from './verdict';

/** Recorded and replayed outputs side by side, the verdict, the decision, and the reason codes. */
export function ReplayResult({ replay }: { replay: DecisionReplay }) {
  const verdict = VERDICT_TEXT[replay.verdict];
  const names = [...new Set([...Object.keys(replay.recordedOutputs), ...Object.keys(replay.replayedOutputs)])];
  return (
    <div className="replay-result">
      <div className={verdict.isPass ? 'verdict pass' : 'verdict fail'} role="status">
        <strong>{verdict.label}</strong> — {verdict.explanation}
      </div>
      <table className="data">
        <caption>Outputs (max |difference| {formatDiff(replay.maxAbsDiff)}, relative {formatDiff(replay.maxRelDiff)})</caption>
        <thead>
          <tr>
            <th scope="col">Output</th>
            <th scope="col">Recorded</th>
            <th scope="col">Replayed</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => (
            <tr key={n}>
              <th scope="row">{n}</th>
              <td className="mono">{JSON.stringify(replay.recordedOutputs[n])}</td>
              <td className="mono">{JSON.stringify(replay.replayedOutputs[n])}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Decision</th>
            <td>{replay.recordedDecision ?? '—'}</td>
            <td>{replay.replayedDecision ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <dl className="facts">
        <dt>Tolerance</dt>
        <dd>
          atol {replay.tolerance.atol}, rtol {replay.tolerance.rtol} ({replay.tolerance.source})
        </dd>
        <dt>Artifact SHA-256 (checked)</dt>
        <dd className="mono">{replay.artifactSha256}</dd>
        <dt>Runtime</dt>
        <dd>
          onnxruntime {replay.runtime.onnxruntime}, {replay.runtime.executionProvider}, {replay.runtime.intraOpNumThreads} thread(s),{' '}
          {replay.runtime.os}, {replay.runtime.cpu}
        </dd>
        <dt>Replayed by</dt>
        <dd>
          {replay.actor} at {replay.startedAt.replace('T', ' ').slice(0, 19)} UTC
        </dd>
      </dl>
      {replay.reasonCodes ? (
        <section aria-labelledby="reason-codes">
          <h3 id="reason-codes">Reason codes</h3>
          <p className="muted">
            Contribution of each feature to the {replay.reasonCodes.scale === 'logit' ? 'log-odds' : 'output'} of{' '}
            {replay.reasonCodes.output}, against {replay.reasonCodes.baselineSource} ({replay.reasonCodes.method}
            {replay.reasonCodes.samples ? `, ${replay.reasonCodes.samples} samples, seed ${replay.reasonCodes.seed}` : ''}).
          </p>
          <ContributionBarChart
            data={replay.reasonCodes.top.map((r) => ({ label: `${r.feature} = ${String(r.value)}`, value: r.contribution }))}
            unit={replay.reasonCodes.scale === 'logit' ? 'log-odds' : 'output'}
          />
        </section>
      ) : (
        <p className="muted">No reason codes: the model's training-data baseline is not available.</p>
      )}
    </div>
  );
}
