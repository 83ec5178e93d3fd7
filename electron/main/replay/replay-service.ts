import type { DecisionReplay, ReplayDecisionRequest, SetToleranceRequest, TolerancePolicy } from '../../../shared/schemas/replay';
import { toIso } from '../core/clock';
import { appendAuditEvent } from '../governance/audit-log';
import { getDecision } from '../store/decision-repo';
import { effectiveTolerance, findReplayTarget, insertReplay, listReplays, setToleranceOverride } from '../store/replay-repo';
import type { AppContext } from '../workspace/workspace';
import { readVerifiedArtifact } from './artifact-store';
import { preparedFor, replayDecisions } from './engine';
import { reasonCodesFor } from './reason-codes';
import { runtimeFingerprint } from './sessions';

/** Replay one logged decision through its exact model version, store the result and return it. */
export async function replayDecision(ctx: AppContext, request: ReplayDecisionRequest): Promise<DecisionReplay> {
  const { db, paths } = ctx.workspace;
  const decision = getDecision(db, request.decisionId);
  const target = findReplayTarget(db, { id: decision.modelVersionId });
  const tolerance = effectiveTolerance(target, request);
  const what = `${target.model} version ${target.version}`;
  const bytes = readVerifiedArtifact(paths, target.artifactSha256, what);
  const model = preparedFor(bytes, target.artifactSha256, target.signature, what);
  const [outcome] = await replayDecisions(model, [decision], target.rule, tolerance);
  if (!outcome) throw new Error('replayDecisions returned no outcome');
  const reasonCodes = await reasonCodesFor(db, model, target, decision.inputs);
  const startedAt = toIso(ctx.clock.now());
  const replayId = db.transaction(() => {
    const id = insertReplay(db, {
      decisionRowId: decision.id,
      modelVersionId: target.modelVersionId,
      batchId: null,
      startedAt,
      actor: ctx.actor.user,
      verdict: outcome.verdict,
      maxAbsDiff: outcome.maxAbsDiff,
      maxRelDiff: outcome.maxRelDiff,
      recordedOutputs: decision.outputs,
      replayedOutputs: outcome.replayedOutputs,
      recordedDecision: outcome.recordedDecision,
      replayedDecision: outcome.replayedDecision,
      tolerance,
      runtime: runtimeFingerprint(),
      artifactSha256: target.artifactSha256,
      reasonCodes,
    });
    appendAuditEvent(db, ctx.actor, startedAt, {
      action: 'replay.decision',
      objectType: 'decision',
      objectId: decision.uid,
      details: { replayId: id, model: target.model, version: target.version, verdict: outcome.verdict, artifactSha256: target.artifactSha256 },
    });
    return id;
  })();
  const stored = listReplays(db, { decisionId: decision.uid, limit: 1 })[0];
  if (!stored || stored.replayId !== replayId) throw new Error('the stored replay could not be read back');
  return stored;
}

/** The tolerance policy of a model version. */
export function tolerancePolicy(ctx: AppContext, ref: { model: string; version: string }): TolerancePolicy {
  const target = findReplayTarget(ctx.workspace.db, ref);
  return { model: target.model, version: target.version, effective: effectiveTolerance(target), fromTag: target.fromTag, override: target.override };
}

/** Override the tolerance of a model version in this workspace (audited), returning the new policy. */
export function setTolerance(ctx: AppContext, request: SetToleranceRequest): TolerancePolicy {
  const { db } = ctx.workspace;
  const target = findReplayTarget(db, request);
  const at = toIso(ctx.clock.now());
  db.transaction(() => {
    setToleranceOverride(db, target.modelVersionId, { atol: request.atol, rtol: request.rtol, reason: request.reason, setAt: at, setBy: ctx.actor.user });
    appendAuditEvent(db, ctx.actor, at, {
      action: 'replay.tolerance-set',
      objectType: 'model_version',
      objectId: `${target.model}@${target.version}`,
      details: { atol: request.atol, rtol: request.rtol, reason: request.reason, previous: effectiveTolerance(target) },
    });
  })();
  return tolerancePolicy(ctx, request);
}
