import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { type DecisionVerdict, REPRODUCED_VERDICTS, type ReplayBatchRequest, type ReplayBatchSummary } from '../../../shared/schemas/replay';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { appendAuditEvent } from '../governance/audit-log';
import { artifactPath } from '../store/artifact-paths';
import { LoggedDecisionPager } from '../store/logged-decision-pages';
import { type BatchReplayConstants, abandonBatch, beginPendingBatch, completeBatch, insertBatchReplays, sweepAbandonedBatches } from '../store/replay-batch-repo';
import { type ReplayTarget, effectiveTolerance, findReplayTarget } from '../store/replay-repo';
import type { AppContext } from '../workspace/workspace';
import { ReplayPool, replayThreadCount } from './replay-pool';
import { runtimeFingerprint } from './sessions';
import { type ChunkOutcomes, VERDICT_CODES } from './worker-protocol';

/** Decisions per worker round trip and per session.run: large enough that messaging is noise next to inference. */
export const BATCH_CHUNK = 512;
/** Chunks read and posted ahead of the one being collected, per thread, so no thread waits for this one. */
const IN_FLIGHT = 2;
const FAILURE_EXAMPLES = 20;

/** Batches this process is writing; any other pending batch in the workspace was left by a crash. */
const runningBatches = new Set<string>();

/**
 * Replay every selected decision of a model version in worker threads, storing each chunk's rows as they come
 * back (invisible until the batch is complete), then the batch row and its audit event in one transaction.
 * Cancelling or failing stops the threads and deletes what the batch stored.
 */
export async function runBatchReplay(ctx: AppContext, job: JobControl, request: ReplayBatchRequest): Promise<ReplayBatchSummary> {
  const target = findReplayTarget(ctx.workspace.db, request);
  const tolerance = effectiveTolerance(target, request);
  const artifactFile = artifactPath(ctx.workspace.paths, target.artifactSha256);
  // Started first: the first thread verifies the artifact and creates its session while this one reads.
  const { paths, nativeBinding } = ctx.workspace;
  const pool = new ReplayPool({
    database: { file: paths.db, ...(nativeBinding ? { nativeBinding } : {}) },
    artifactFile,
    sha256: target.artifactSha256,
    label: `${target.model} version ${target.version}`,
    signature: target.signature,
    rule: target.rule,
    tolerance: { atol: tolerance.atol, rtol: tolerance.rtol },
  });
  // Cancel must not wait for the chunks in flight: stopping the threads rejects them at once.
  const stop = () => void pool.terminate();
  job.signal.addEventListener('abort', stop);
  try {
    const pager = new LoggedDecisionPager(ctx.workspace.db, target.modelVersionId, request);
    if (pager.total === 0) {
      throw new AttestError('not-found', `${target.model} version ${target.version} has no logged decisions${request.from || request.to ? ' in that window' : ''}.`, 'Widen the date window or import the decision logs.');
    }
    pool.grow(replayThreadCount(Math.ceil(pager.total / BATCH_CHUNK), sizeOf(artifactFile)));
    const summary = await replayAndStore(ctx, job, request, { target, tolerance, pool, pager });
    pool.release();
    return summary;
  } catch (error) {
    await pool.terminate();
    throw error;
  } finally {
    job.signal.removeEventListener('abort', stop);
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the first thread's integrity check reports a missing artifact properly
  }
}

interface Started {
  target: ReplayTarget;
  tolerance: ReplayBatchSummary['tolerance'];
  pool: ReplayPool;
  pager: LoggedDecisionPager;
}

async function replayAndStore(ctx: AppContext, job: JobControl, request: ReplayBatchRequest, { target, tolerance, pool, pager }: Started): Promise<ReplayBatchSummary> {
  const total = pager.total;
  const c = batchConstants(ctx, target, tolerance);
  const { db } = ctx.workspace;
  sweepAbandonedBatches(db, runningBatches);
  beginPendingBatch(db, c.batchId, c.startedAt);
  runningBatches.add(c.batchId);
  try {
    job.report('loading', 0, total, `Verifying and loading the artifact of ${target.model} ${target.version}`);
    await cancellable(job, pool.firstReady);
    job.report('replaying', 0, total, `Artifact verified; replaying ${total} decisions on ${pool.size} thread${pool.size === 1 ? '' : 's'}`);
    const tally = await replayChunks(job, pool, pager, (rowsJson) => insertBatchReplays(db, c.batchId, rowsJson));
    job.throwIfCancelled();
    const summary: ReplayBatchSummary = { ...tally.summary(target, tolerance, c.batchId), runtime: c.runtime };
    complete(ctx, target, request, summary, c);
    job.report('done', summary.total, summary.total, `${summary.reproducedPercent.toFixed(2)}% reproduced`);
    return summary;
  } catch (error) {
    abandonBatch(db, c.batchId);
    throw error;
  } finally {
    runningBatches.delete(c.batchId);
  }
}

function batchConstants(ctx: AppContext, target: ReplayTarget, tolerance: ReplayBatchSummary['tolerance']): BatchReplayConstants {
  return {
    modelVersionId: target.modelVersionId,
    batchId: randomUUID(),
    startedAt: toIso(ctx.clock.now()),
    actor: ctx.actor.user,
    tolerance,
    runtime: runtimeFingerprint(),
    artifactSha256: target.artifactSha256,
  };
}

function cancellable<T>(job: JobControl, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    job.throwIfCancelled();
    throw error;
  });
}

/** The batch row (which makes the stored rows visible) and the audit event, in one transaction. */
function complete(ctx: AppContext, target: ReplayTarget, request: ReplayBatchRequest, summary: ReplayBatchSummary, c: BatchReplayConstants): void {
  const { db } = ctx.workspace;
  const finishedAt = toIso(ctx.clock.now());
  db.transaction(() => {
    completeBatch(db, { ...summary, modelVersionId: target.modelVersionId, startedAt: c.startedAt, finishedAt, actor: c.actor, filters: request });
    appendAuditEvent(db, ctx.actor, finishedAt, {
      action: 'replay.batch',
      objectType: 'model_version',
      objectId: `${target.model}@${target.version}`,
      details: { batchId: summary.batchId, total: summary.total, counts: summary.counts, artifactSha256: target.artifactSha256 },
    });
  })();
}

/**
 * Page through the selection's row ids a chunk at a time and post the chunks to the pool, IN_FLIGHT per thread ahead, then
 * collect them in order: each is stored as it arrives (so storing overlaps with the threads replaying the
 * next ones) and progress is reported after it.
 */
async function replayChunks(job: JobControl, pool: ReplayPool, pager: LoggedDecisionPager, storeRows: (rowsJson: string) => void): Promise<Tally> {
  const ahead: Promise<ChunkOutcomes>[] = [];
  let more = true;
  const fill = () => {
    while (more && ahead.length < IN_FLIGHT * pool.size) {
      const ids = pager.next(BATCH_CHUNK);
      if (ids.length === 0) {
        more = false;
        return;
      }
      const outcomes = pool.replay({ ids });
      // Awaited in order below; a chunk behind a failed one must not surface as an unhandled rejection.
      outcomes.catch(() => undefined);
      ahead.push(outcomes);
    }
  };
  fill();
  const tally = new Tally();
  for (let head = ahead.shift(); head; head = ahead.shift()) {
    job.throwIfCancelled();
    const outcomes = await cancellable(job, head);
    fill();
    storeRows(outcomes.rowsJson);
    tally.add(outcomes);
    job.report('replaying', tally.total, pager.total, `Replayed ${tally.total} of ${pager.total} decisions`);
  }
  return tally;
}

/** The batch's counts, largest difference and first failures, added up chunk by chunk. */
class Tally {
  total = 0;
  private readonly counts: Record<DecisionVerdict, number> = { identical: 0, 'within-tolerance': 0, 'differs-same-decision': 0, 'decision-changed': 0 };
  private readonly failures: ReplayBatchSummary['failures'] = [];
  private maxAbs = 0;

  add(o: Pick<ChunkOutcomes, 'verdicts' | 'maxAbs' | 'failedUids'>): void {
    let failed = 0;
    for (let i = 0; i < o.verdicts.length; i++) {
      const verdict = VERDICT_CODES[o.verdicts[i] as number] as DecisionVerdict;
      const abs = o.maxAbs[i] as number;
      this.counts[verdict]++;
      if (Number.isFinite(abs)) this.maxAbs = Math.max(this.maxAbs, abs);
      if (REPRODUCED_VERDICTS.includes(verdict)) continue;
      const decisionId = o.failedUids[failed++] as string;
      if (this.failures.length < FAILURE_EXAMPLES) this.failures.push({ decisionId, verdict, maxAbsDiff: Number.isFinite(abs) ? abs : null });
    }
    this.total += o.verdicts.length;
  }

  summary(target: ReplayTarget, tolerance: ReplayBatchSummary['tolerance'], batchId: string): Omit<ReplayBatchSummary, 'runtime'> {
    const reproduced = REPRODUCED_VERDICTS.reduce((n, v) => n + this.counts[v], 0);
    const { total, counts, failures } = this;
    return { batchId, model: target.model, version: target.version, total, counts, reproducedPercent: total === 0 ? 0 : (100 * reproduced) / total, maxAbsDiff: this.maxAbs, tolerance, artifactSha256: target.artifactSha256, failures };
  }
}
