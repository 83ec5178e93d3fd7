import { randomUUID } from 'node:crypto';
import { type DecisionVerdict, REPRODUCED_VERDICTS, type ReplayBatchRequest, type ReplayBatchSummary } from '../../../shared/schemas/replay';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { appendAuditEvent } from '../governance/audit-log';
import { artifactPath } from '../store/artifact-paths';
import { type LoggedDecisionColumns, loggedDecisionColumns } from '../store/decision-repo';
import { type BatchReplayConstants, type ReplayTarget, effectiveTolerance, findReplayTarget, insertBatch, insertBatchReplays } from '../store/replay-repo';
import type { AppContext } from '../workspace/workspace';
import { runtimeFingerprint } from './sessions';
import { ReplayWorker } from './worker-client';
import { type ChunkOutcomes, VERDICT_CODES } from './worker-protocol';

/** Decisions per worker round trip and per session.run: large enough that messaging is noise next to inference. */
export const BATCH_CHUNK = 512;
/** Chunks posted to the worker ahead of the one being collected, so the worker never waits for this thread. */
const IN_FLIGHT = 2;
const FAILURE_EXAMPLES = 20;

/** A replayed chunk: where it starts in the selection, and the worker's outcomes (with the rows to store). */
interface ReplayedChunk {
  start: number;
  outcomes: ChunkOutcomes;
}

/**
 * Replay every selected decision of a model version in a worker thread, then store all results, the batch row
 * and its audit event in one transaction. Cancelling stops the worker and stores nothing.
 */
export async function runBatchReplay(ctx: AppContext, job: JobControl, request: ReplayBatchRequest): Promise<ReplayBatchSummary> {
  const target = findReplayTarget(ctx.workspace.db, request);
  const tolerance = effectiveTolerance(target, request);
  // Started first: the worker verifies the artifact and creates its session while this thread reads the log.
  const { worker, ready } = ReplayWorker.start({
    artifactFile: artifactPath(ctx.workspace.paths, target.artifactSha256),
    sha256: target.artifactSha256,
    label: `${target.model} version ${target.version}`,
    signature: target.signature,
    rule: target.rule,
    tolerance: { atol: tolerance.atol, rtol: tolerance.rtol },
  });
  // Cancel must not wait for the chunk in flight: stopping the thread rejects it at once.
  const stop = () => void worker.terminate();
  job.signal.addEventListener('abort', stop);
  try {
    const summary = await replayAndStore(ctx, job, request, { target, tolerance, worker, ready });
    job.signal.removeEventListener('abort', stop);
    worker.release();
    return summary;
  } catch (error) {
    job.signal.removeEventListener('abort', stop);
    await worker.terminate();
    throw error;
  }
}

interface Started {
  target: ReplayTarget;
  tolerance: ReplayBatchSummary['tolerance'];
  worker: ReplayWorker;
  ready: Promise<void>;
}

async function replayAndStore(ctx: AppContext, job: JobControl, request: ReplayBatchRequest, { target, tolerance, worker, ready }: Started): Promise<ReplayBatchSummary> {
  const logged = loggedDecisionColumns(ctx.workspace.db, target.modelVersionId, request);
  const total = logged.ids.length;
  if (total === 0) {
    throw new AttestError('not-found', `${target.model} version ${target.version} has no logged decisions${request.from || request.to ? ' in that window' : ''}.`, 'Widen the date window or import the decision logs.');
  }
  const c: BatchReplayConstants = {
    modelVersionId: target.modelVersionId,
    batchId: randomUUID(),
    startedAt: toIso(ctx.clock.now()),
    actor: ctx.actor.user,
    tolerance,
    runtime: runtimeFingerprint(),
    artifactSha256: target.artifactSha256,
  };
  job.report('loading', 0, total, `Verifying and loading the artifact of ${target.model} ${target.version}`);
  await cancellable(job, ready);
  job.report('replaying', 0, total, `Artifact verified; replaying ${total} decisions`);
  const chunks = await replayChunks(job, worker, logged);
  job.throwIfCancelled();
  const summary: ReplayBatchSummary = { ...summarise(target, tolerance, logged, chunks, c.batchId), runtime: c.runtime };
  store(ctx, target, request, summary, c, chunks);
  job.report('done', total, total, `${summary.reproducedPercent.toFixed(2)}% reproduced`);
  return summary;
}

function cancellable<T>(job: JobControl, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    job.throwIfCancelled();
    throw error;
  });
}

/** The batch row, every decision's row and the audit event, in one transaction. */
function store(ctx: AppContext, target: ReplayTarget, request: ReplayBatchRequest, summary: ReplayBatchSummary, c: BatchReplayConstants, chunks: ReplayedChunk[]): void {
  const { db } = ctx.workspace;
  const finishedAt = toIso(ctx.clock.now());
  db.transaction(() => {
    insertBatch(db, { ...summary, modelVersionId: target.modelVersionId, startedAt: c.startedAt, finishedAt, actor: c.actor, filters: request });
    for (const chunk of chunks) insertBatchReplays(db, c, chunk.outcomes.rowsJson);
    appendAuditEvent(db, ctx.actor, finishedAt, {
      action: 'replay.batch',
      objectType: 'model_version',
      objectId: `${target.model}@${target.version}`,
      details: { batchId: summary.batchId, total: summary.total, counts: summary.counts, artifactSha256: target.artifactSha256 },
    });
  })();
}

/** Send the chunks to the worker, IN_FLIGHT ahead, and collect them in order, reporting progress after each. */
async function replayChunks(job: JobControl, worker: ReplayWorker, logged: LoggedDecisionColumns): Promise<ReplayedChunk[]> {
  const total = logged.ids.length;
  const inFlight: { start: number; outcomes: Promise<ChunkOutcomes> }[] = [];
  let next = 0;
  const post = () => {
    const start = next;
    next = Math.min(total, start + BATCH_CHUNK);
    const outcomes = worker.replay({ ids: Float64Array.from(logged.ids.slice(start, next)), uids: logged.uids.slice(start, next), inputs: logged.inputs.slice(start, next), outputs: logged.outputs.slice(start, next), decisions: logged.decisions.slice(start, next) });
    // Awaited in order below; a chunk behind a failed one must not surface as an unhandled rejection.
    outcomes.catch(() => undefined);
    inFlight.push({ start, outcomes });
  };
  while (next < total && inFlight.length < IN_FLIGHT) post();
  const chunks: ReplayedChunk[] = [];
  for (let head = inFlight.shift(); head; head = inFlight.shift()) {
    job.throwIfCancelled();
    const outcomes = await cancellable(job, head.outcomes);
    if (next < total) post();
    chunks.push({ start: head.start, outcomes });
    const done = head.start + outcomes.verdicts.length;
    job.report('replaying', done, total, `Replayed ${done} of ${total} decisions`);
  }
  return chunks;
}

function summarise(target: ReplayTarget, tolerance: ReplayBatchSummary['tolerance'], logged: LoggedDecisionColumns, chunks: ReplayedChunk[], batchId: string): Omit<ReplayBatchSummary, 'runtime'> {
  const counts: Record<DecisionVerdict, number> = { identical: 0, 'within-tolerance': 0, 'differs-same-decision': 0, 'decision-changed': 0 };
  const failures: ReplayBatchSummary['failures'] = [];
  let maxAbs = 0;
  let total = 0;
  for (const { start, outcomes: o } of chunks) {
    for (let i = 0; i < o.verdicts.length; i++) {
      const verdict = VERDICT_CODES[o.verdicts[i] as number] as DecisionVerdict;
      const abs = o.maxAbs[i] as number;
      counts[verdict]++;
      if (Number.isFinite(abs)) maxAbs = Math.max(maxAbs, abs);
      if (!REPRODUCED_VERDICTS.includes(verdict) && failures.length < FAILURE_EXAMPLES) {
        failures.push({ decisionId: logged.uids[start + i] as string, verdict, maxAbsDiff: Number.isFinite(abs) ? abs : null });
      }
    }
    total += o.verdicts.length;
  }
  const reproduced = REPRODUCED_VERDICTS.reduce((n, v) => n + counts[v], 0);
  return { batchId, model: target.model, version: target.version, total, counts, reproducedPercent: total === 0 ? 0 : (100 * reproduced) / total, maxAbsDiff: maxAbs, tolerance, artifactSha256: target.artifactSha256, failures };
}
