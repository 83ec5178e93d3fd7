import { randomUUID } from 'node:crypto';
import { type DecisionVerdict, REPRODUCED_VERDICTS, type ReplayBatchRequest, type ReplayBatchSummary } from '../../../shared/schemas/replay';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { appendAuditEvent } from '../governance/audit-log';
import { artifactPath } from '../store/artifact-paths';
import { type StoredDecision, decisionsOfVersion } from '../store/decision-repo';
import { type ReplayTarget, effectiveTolerance, findReplayTarget, insertBatch, insertReplay } from '../store/replay-repo';
import type { AppContext } from '../workspace/workspace';
import type { RowOutcome } from './decision-verdict';
import { runtimeFingerprint } from './sessions';
import { ReplayWorker } from './worker-client';

/** Decisions per worker round trip: large enough that messaging is noise next to inference. */
export const BATCH_CHUNK = 512;
const FAILURE_EXAMPLES = 20;

/**
 * Replay every selected decision of a model version in a worker thread, then store all results, the batch row
 * and its audit event in one transaction. Cancelling stops the worker and stores nothing.
 */
export async function runBatchReplay(ctx: AppContext, job: JobControl, request: ReplayBatchRequest): Promise<ReplayBatchSummary> {
  const { db, paths } = ctx.workspace;
  const target = findReplayTarget(db, request);
  const tolerance = effectiveTolerance(target, request);
  const decisions = decisionsOfVersion(db, target.modelVersionId, request);
  if (decisions.length === 0) {
    throw new AttestError('not-found', `${target.model} version ${target.version} has no logged decisions${request.from || request.to ? ' in that window' : ''}.`, 'Widen the date window or import the decision logs.');
  }
  const startedAt = toIso(ctx.clock.now());
  job.report('loading', 0, decisions.length, `Verifying and loading the artifact of ${target.model} ${target.version}`);
  const outcomes = await replayInWorker(job, target, tolerance, decisions, artifactPath(paths, target.artifactSha256));
  job.throwIfCancelled();
  const summary = summarise(target, tolerance, outcomes, randomUUID());
  const finishedAt = toIso(ctx.clock.now());
  db.transaction(() => {
    insertBatch(db, { ...summary, modelVersionId: target.modelVersionId, startedAt, finishedAt, actor: ctx.actor.user, filters: request });
    decisions.forEach((d, i) => insertReplay(db, rowOf(d, outcomes[i] as RowOutcome, summary, startedAt, ctx.actor.user, target)));
    appendAuditEvent(db, ctx.actor, finishedAt, {
      action: 'replay.batch',
      objectType: 'model_version',
      objectId: `${target.model}@${target.version}`,
      details: { batchId: summary.batchId, total: summary.total, counts: summary.counts, artifactSha256: target.artifactSha256 },
    });
  })();
  job.report('done', decisions.length, decisions.length, `${summary.reproducedPercent.toFixed(2)}% reproduced`);
  return summary;
}

async function replayInWorker(job: JobControl, target: ReplayTarget, tolerance: ReplayBatchSummary['tolerance'], decisions: StoredDecision[], file: string): Promise<RowOutcome[]> {
  const label = `${target.model} version ${target.version}`;
  const worker = await ReplayWorker.start({ artifactFile: file, sha256: target.artifactSha256, label, signature: target.signature, rule: target.rule, tolerance: { atol: tolerance.atol, rtol: tolerance.rtol } });
  // Cancel must not wait for the chunk in flight: stopping the thread rejects it at once.
  const stop = () => void worker.terminate();
  job.signal.addEventListener('abort', stop);
  try {
    const outcomes: RowOutcome[] = [];
    for (let start = 0; start < decisions.length; start += BATCH_CHUNK) {
      job.throwIfCancelled();
      const chunk = decisions.slice(start, start + BATCH_CHUNK).map((d) => ({ uid: d.uid, inputs: d.inputs, outputs: d.outputs, decision: d.decision }));
      outcomes.push(...(await worker.replay(chunk).catch((error: unknown) => {
        job.throwIfCancelled();
        throw error;
      })));
      job.report('replaying', outcomes.length, decisions.length, `Replayed ${outcomes.length} of ${decisions.length} decisions`);
    }
    return outcomes;
  } finally {
    job.signal.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

function summarise(target: ReplayTarget, tolerance: ReplayBatchSummary['tolerance'], outcomes: RowOutcome[], batchId: string): ReplayBatchSummary {
  const counts: Record<DecisionVerdict, number> = { identical: 0, 'within-tolerance': 0, 'differs-same-decision': 0, 'decision-changed': 0 };
  let maxAbs = 0;
  for (const o of outcomes) {
    counts[o.verdict]++;
    if (o.maxAbsDiff !== null && Number.isFinite(o.maxAbsDiff)) maxAbs = Math.max(maxAbs, o.maxAbsDiff);
  }
  const reproduced = REPRODUCED_VERDICTS.reduce((n, v) => n + counts[v], 0);
  const failures = outcomes
    .filter((o) => !REPRODUCED_VERDICTS.includes(o.verdict))
    .slice(0, FAILURE_EXAMPLES)
    .map((o) => ({ decisionId: o.decisionId, verdict: o.verdict, maxAbsDiff: o.maxAbsDiff }));
  return {
    batchId,
    model: target.model,
    version: target.version,
    total: outcomes.length,
    counts,
    reproducedPercent: (100 * reproduced) / outcomes.length,
    maxAbsDiff: maxAbs,
    tolerance,
    runtime: runtimeFingerprint(),
    artifactSha256: target.artifactSha256,
    failures,
  };
}

function rowOf(d: StoredDecision, o: RowOutcome, s: ReplayBatchSummary, startedAt: string, actor: string, target: ReplayTarget) {
  return {
    decisionRowId: d.id,
    modelVersionId: target.modelVersionId,
    batchId: s.batchId,
    startedAt,
    actor,
    verdict: o.verdict,
    maxAbsDiff: o.maxAbsDiff,
    maxRelDiff: o.maxRelDiff,
    recordedOutputs: d.outputs,
    replayedOutputs: o.replayedOutputs,
    recordedDecision: o.recordedDecision,
    replayedDecision: o.replayedDecision,
    tolerance: s.tolerance,
    runtime: s.runtime,
    artifactSha256: s.artifactSha256,
    // Reason codes cost a model run per feature per decision; batch replay proves reproduction, and the
    // Replay screen computes them when a person opens a single decision.
    reasonCodes: null,
  };
}
