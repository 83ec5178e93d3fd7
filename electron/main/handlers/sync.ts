import type { syncChannels } from '../../../shared/ipc/channels/sync';
import { asOfInstant } from '../../../shared/schemas/common';
import { toIso } from '../core/clock';
import { diffSnapshots } from '../store/history-diff';
import { listSnapshots } from '../store/history-repo';
import { walkLineage } from '../store/lineage-query';
import { listTrustedKeys, trustKey } from '../store/trust-repo';
import { importPath } from '../sync/import-path';
import { credentialsFromEnv } from '../sync/mlflow-client';
import { syncMlflow } from '../sync/mlflow-sync';
import { verifyBundle } from '../sync/verify-bundle';
import type { HandlerMap } from './types';

export const syncHandlers: HandlerMap<keyof typeof syncChannels> = {
  'keys:list': (_request, ctx) => listTrustedKeys(ctx.workspace.db),
  'keys:trust': (request, ctx) =>
    trustKey(ctx.workspace.db, request.publicKeyPem, request.label, ctx.actor, toIso(ctx.clock.now())),
  'import:verify': (request, ctx) => verifyBundle(ctx.workspace.db, request.path, request.allowUnverified),
  'import:start': (request, ctx) =>
    ctx.jobs.start('import', (job) =>
      importPath({ workspace: ctx.workspace, clock: ctx.clock, actor: ctx.actor }, request.path, { allowUnverified: request.allowUnverified }, job),
    ),
  'sync:mlflow': (request, ctx) =>
    ctx.jobs.start('sync', (job) =>
      syncMlflow(
        { workspace: ctx.workspace, clock: ctx.clock, actor: ctx.actor },
        { url: request.url, ...credentialsFromEnv(process.env), ...(request.timeoutMs ? { timeoutMs: request.timeoutMs } : {}) },
        job,
      ),
    ),
  'snapshots:list': (_request, ctx) => listSnapshots(ctx.workspace.db),
  'lineage:walk': (request, ctx) =>
    walkLineage(ctx.workspace.db, request.node, request.direction, request.asOf ? asOfInstant(request.asOf) : null),
  'history:diff': (request, ctx) => diffSnapshots(ctx.workspace.db, request.from, request.to),
};
