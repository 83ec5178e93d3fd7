import { resolve } from 'node:path';
import { type Command, booleanFlag, jsonOption, workspaceOption } from '../command';
import { call, withMain } from '../with-main';
import { runSyncJob } from './run-sync-job';

/** `attest import`: import a bundle, an mlflow-export-import folder or an OpenLineage file (the Import screen's job). */
export const importCommand: Command = {
  name: 'import',
  summary: 'Import a signed snapshot bundle, an mlflow-export-import folder or an OpenLineage .json/.jsonl file: one transaction, idempotent.',
  usage: 'attest import PATH [--workspace DIR] [--allow-unverified] [--json]',
  options: { ...workspaceOption, ...jsonOption, 'allow-unverified': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run: (args, io) => {
    const path = resolve(args.positionals[0] ?? '');
    return withMain(args, io, async (main) => {
      const { jobId } = await call(main, 'import:start', { path, allowUnverified: booleanFlag(args, 'allow-unverified') });
      return runSyncJob(main, io, jobId, booleanFlag(args, 'json'));
    }, { lockFor: 'attest import' });
  },
};
