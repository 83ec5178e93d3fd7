import type { MonitoringResults } from '../../../shared/schemas/monitoring';
import { WindowKind } from '../../../shared/schemas/monitoring';
import { AttestError } from '../../main/core/errors';
import { type Command, type CommandArgs, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson } from '../format';
import { call, withMain } from '../with-main';
import { renderMonitoring } from './monitor-format';

/** `attest monitor`: compute drift, performance and fairness for a version and print them per window. */
export const monitorCommand: Command = {
  name: 'monitor',
  summary: 'Compute and show monitoring for a model version: PSI/CSI drift, AUC/Gini/KS, calibration, approval rate, fairness.',
  usage: 'attest monitor --model NAME --version V [--window month|quarter|all] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, model: { type: 'string' }, version: { type: 'string' }, window: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const { model, version } = modelArgs(args, monitorCommand.usage);
    const window = WindowKind.safeParse(stringFlag(args, 'window') ?? 'month');
    if (!window.success) throw new AttestError('bad-request', '--window must be month, quarter or all.', `Usage: ${monitorCommand.usage}`);
    return withMain(args, io, async (main) => {
      const { jobId } = await call(main, 'monitoring:compute', { model, version, window: window.data });
      void io.interrupted.then(() => main.ctx.jobs.cancel(jobId));
      const status = await main.ctx.jobs.wait(jobId);
      if (status.state !== 'succeeded') {
        const e = status.error;
        throw new AttestError(e?.code ?? 'internal', e?.message ?? `Monitoring ${status.state}.`, e?.hint);
      }
      const results: MonitoringResults = await call(main, 'monitoring:results', { model, version, window: window.data });
      io.stdout(booleanFlag(args, 'json') ? formatJson(results) : renderMonitoring(results));
      return 0;
    }, { lockFor: 'attest monitor' });
  },
};

/** `attest monitor threshold`: set a model's threshold for one metric (logged as 'setting changed'). */
export const monitorThresholdCommand: Command = {
  name: 'monitor threshold',
  summary: "Set a model's monitoring threshold for one metric (e.g. psi --warn 0.1 --alert 0.2).",
  usage: 'attest monitor threshold --model NAME --metric METRIC --alert X [--warn Y] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, model: { type: 'string' }, metric: { type: 'string' }, warn: { type: 'string' }, alert: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const model = stringFlag(args, 'model');
    const metric = stringFlag(args, 'metric');
    const alert = Number(stringFlag(args, 'alert'));
    const warnText = stringFlag(args, 'warn');
    const warn = warnText === undefined ? null : Number(warnText);
    if (!model || !metric || !Number.isFinite(alert) || (warn !== null && !Number.isFinite(warn))) {
      throw new AttestError('bad-request', 'monitor threshold needs --model, --metric and a numeric --alert (and --warn, if given, a number).', `Usage: ${monitorThresholdCommand.usage}`);
    }
    return withMain(args, io, async (main) => {
      const config = await call(main, 'monitoring:configure', { model, thresholds: [{ metric, warn, alert }] });
      const t = config.thresholds.find((x) => x.metric === metric);
      io.stdout(booleanFlag(args, 'json') ? formatJson(config) : `${model}: ${metric} warn ${t?.warn ?? '-'}, alert ${t?.alert ?? '-'} (${t?.direction ?? ''}).\n`);
      return 0;
    }, { lockFor: 'attest monitor threshold' });
  },
};

function modelArgs(args: CommandArgs, usage: string): { model: string; version: string } {
  const model = stringFlag(args, 'model');
  const version = stringFlag(args, 'version');
  if (!model || !version) throw new AttestError('bad-request', 'Name the model version with --model NAME --version V.', `Usage: ${usage}`);
  return { model, version };
}
