import { AttestError } from '../../main/core/errors';
import { type Command, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { call, withMain } from '../with-main';
import { runSyncJob } from './run-sync-job';

/** `attest sync mlflow`: pull a live MLflow tracking server into the workspace as a snapshot. */
export const syncMlflowCommand: Command = {
  name: 'sync mlflow',
  summary: 'Sync registered models, versions, aliases, stages and their runs from a live MLflow server, incrementally by update time (--full re-reads every version; credentials: ATTEST_MLFLOW_TOKEN, or ATTEST_MLFLOW_USERNAME/PASSWORD).',
  usage: 'attest sync mlflow --url URL [--full] [--timeout-ms N] [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption, url: { type: 'string' }, 'timeout-ms': { type: 'string' }, full: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const url = stringFlag(args, 'url');
    if (!url) return Promise.reject(new AttestError('bad-request', 'attest sync mlflow needs --url URL.', 'Usage: attest sync mlflow --url URL'));
    const timeout = stringFlag(args, 'timeout-ms');
    if (timeout !== undefined && !/^\d+$/.test(timeout)) return Promise.reject(new AttestError('bad-request', `--timeout-ms "${timeout}" is not a number of milliseconds.`));
    return withMain(args, io, async (main) => {
      const { jobId } = await call(main, 'sync:mlflow', { url, ...(timeout ? { timeoutMs: Number(timeout) } : {}), ...(booleanFlag(args, 'full') ? { full: true } : {}) });
      return runSyncJob(main, io, jobId, booleanFlag(args, 'json'));
    }, { lockFor: 'attest sync mlflow' });
  },
};
