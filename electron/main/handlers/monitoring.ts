import type { monitoringChannels } from '../../../shared/ipc/channels/monitoring';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import { configureMonitoring, resolveModelVersion, settingsFor, thresholdsFor } from '../governance/monitoring-config';
import { latestMonitoringRun, listFairnessResults, listMonitoringResults } from '../governance/monitoring-repo';
import { runMonitoring } from '../governance/monitoring-runner';
import type { HandlerMap } from './types';

export const monitoringHandlers: HandlerMap<keyof typeof monitoringChannels> = {
  'monitoring:compute': (request, ctx) => {
    // Resolve first so a wrong name fails the request itself rather than a background job.
    resolveModelVersion(ctx.workspace.db, request.model, request.version);
    return ctx.jobs.start('monitoring', (job) => runMonitoring(ctx, job, request));
  },
  'monitoring:results': (request, ctx) => {
    const db = ctx.workspace.db;
    const mv = resolveModelVersion(db, request.model, request.version);
    return {
      model: mv.model,
      version: mv.version,
      run: latestMonitoringRun(db, mv.id, request.window),
      results: listMonitoringResults(db, mv.id, request.window),
      fairness: listFairnessResults(db, mv.id, request.window),
      thresholds: thresholdsFor(db, mv.model),
    };
  },
  'monitoring:config': (request, ctx) => configOf(ctx.workspace.db, request.model),
  'monitoring:configure': (request, ctx) => {
    const db = ctx.workspace.db;
    configOf(db, request.model);
    configureMonitoring(db, ctx.actor, toIso(ctx.clock.now()), request.model, request);
    return configOf(db, request.model);
  },
};

function configOf(db: Parameters<typeof thresholdsFor>[0], model: string) {
  if (!db.prepare('SELECT 1 FROM registered_model WHERE name = ?').get(model)) {
    throw new AttestError('not-found', `No registered model named ${model} in this workspace.`, 'Check the name with `attest models`.');
  }
  return { model, thresholds: thresholdsFor(db, model), settings: settingsFor(db, model) };
}
