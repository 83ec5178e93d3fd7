import type { replayChannels } from '../../../shared/ipc/channels/replay';
import { runBatchReplay } from '../replay/batch-replay';
import { replayDecision, setTolerance, tolerancePolicy } from '../replay/replay-service';
import { getDecision, searchDecisions } from '../store/decision-repo';
import { listReplays } from '../store/replay-repo';
import type { HandlerMap } from './types';

export const replayHandlers: HandlerMap<keyof typeof replayChannels> = {
  'decisions:search': (request, ctx) => searchDecisions(ctx.workspace.db, request),
  'decisions:get': (request, ctx) => {
    const d = getDecision(ctx.workspace.db, request.decisionId);
    const last = listReplays(ctx.workspace.db, { decisionId: d.uid, limit: 1 })[0];
    return {
      decisionId: d.uid,
      model: d.model,
      version: d.version,
      decidedAt: d.decidedAt,
      requestId: d.requestId,
      decision: d.decision,
      lastVerdict: last?.verdict ?? null,
      inputs: d.inputs,
      outputs: d.outputs,
      attributes: d.attributes,
    };
  },
  'replay:decision': (request, ctx) => replayDecision(ctx, request),
  'replay:batch': (request, ctx) => ctx.jobs.start('replay-batch', (job) => runBatchReplay(ctx, job, request)),
  'replay:history': (request, ctx) => listReplays(ctx.workspace.db, request),
  'replay:tolerance': (request, ctx) => tolerancePolicy(ctx, request),
  'replay:set-tolerance': (request, ctx) => setTolerance(ctx, request),
};
