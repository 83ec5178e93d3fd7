import { Worker } from 'node:worker_threads';
import type { MonitoringRun, WindowKind } from '../../../shared/schemas/monitoring';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import { builtWorkerFile } from '../core/worker-file';
import type { JobControl } from '../core/jobs';
import type { AppContext } from '../workspace/workspace';
import { AUDIT_ACTIONS, appendAuditEvent } from './audit-log';
import { loadMonitoringReference, resolveModelVersion, settingsFor, thresholdsFor } from './monitoring-config';
import { latestMonitoringRun, saveMonitoringRun } from './monitoring-repo';
import type { MonitoringOutput } from './monitoring/compute';
import type { MonitoringWorkerData, MonitoringWorkerMessage } from './monitoring/worker-protocol';

/**
 * Compute monitoring for a model version in the worker and store the run with its rows and an audit event,
 * in one transaction (nothing is stored when the job is cancelled or fails).
 */
export async function runMonitoring(ctx: AppContext, job: JobControl, request: { model: string; version: string; window: WindowKind }): Promise<MonitoringRun> {
  const db = ctx.workspace.db;
  const mv = resolveModelVersion(db, request.model, request.version);
  const reference = loadMonitoringReference(db, mv.id);
  const settings = settingsFor(db, mv.model);
  const plan = { reference: reference.profile, rule: reference.rule, settings, thresholds: thresholdsFor(db, mv.model), windowKind: request.window };
  job.report('compute', 0, null, `Reading the decision log of ${mv.model} ${mv.version}`);
  const output = await computeInWorker({ dbPath: ctx.workspace.paths.db, modelVersionId: mv.id, plan }, job);
  job.throwIfCancelled();
  const at = toIso(ctx.clock.now());
  db.transaction(() => {
    const runId = saveMonitoringRun(db, {
      modelVersionId: mv.id, windowKind: request.window, computedAt: at, actor: ctx.actor.user,
      referenceDatasetId: reference.datasetId, settings, output,
    });
    appendAuditEvent(db, ctx.actor, at, {
      action: AUDIT_ACTIONS.monitoringComputed,
      objectType: 'model_version',
      objectId: `${mv.model}@${mv.version}`,
      details: { runId, window: request.window, decisions: output.decisionCount, windows: output.windows.length, reference: reference.datasetName },
    });
  })();
  const run = latestMonitoringRun(db, mv.id, request.window);
  if (!run) throw new AttestError('internal', 'The monitoring run was stored but cannot be read back.');
  return run;
}

function computeInWorker(data: MonitoringWorkerData, job: JobControl): Promise<MonitoringOutput> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(builtWorkerFile('monitoring.worker.cjs', 'monitoring'), { workerData: data });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      void worker.terminate();
      finish(() => reject(new AttestError('cancelled', 'Monitoring was cancelled; nothing was stored.')));
    };
    job.signal.addEventListener('abort', onAbort);
    worker.on('message', (message: MonitoringWorkerMessage) => {
      if (message.type === 'progress') job.report('compute', message.done, message.total, `${message.done} of ${message.total} decisions`);
      else if (message.type === 'done') finish(() => resolvePromise(message.output));
      else finish(() => reject(new AttestError('bad-input', `Monitoring could not be computed: ${message.message}.`, 'Check the decision log of this version (`attest decisions`), or report it with the workspace log.')));
    });
    worker.on('error', (error) => finish(() => reject(new AttestError('internal', `The monitoring worker failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new AttestError('internal', `The monitoring worker stopped (exit ${code}) without a result.`))));
  });
}
