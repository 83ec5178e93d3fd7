import { resolve } from 'node:path';
import { ImportSummary } from '../../../shared/schemas/sync';
import { AttestError } from '../../main/core/errors';
import { type Command, booleanFlag, jsonOption, workspaceOption } from '../command';
import { formatJson } from '../format';
import { call, withMain } from '../with-main';

/** `attest import`: import a snapshot bundle into the workspace (the Import screen's job). */
export const importCommand: Command = {
  name: 'import',
  summary: 'Import a signed snapshot bundle, an mlflow-export-import folder or an OpenLineage .json/.jsonl file: one transaction, idempotent.',
  usage: 'attest import PATH [--workspace DIR] [--allow-unverified] [--json]',
  options: { ...workspaceOption, ...jsonOption, 'allow-unverified': { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  run: (args, io) => {
    const path = resolve(args.positionals[0] ?? '');
    const quiet = booleanFlag(args, 'json');
    return withMain(args, io, async (main) => {
      const { jobId } = await call(main, 'import:start', { path, allowUnverified: booleanFlag(args, 'allow-unverified') });
      let lastShown = 0;
      const unsubscribe = main.ctx.bus.subscribe((name, payload) => {
        const p = payload as { jobId?: string; done?: number; total?: number | null; message?: string };
        if (quiet || name !== 'job:progress' || p.jobId !== jobId || Date.now() - lastShown < 1000) return;
        lastShown = Date.now();
        const share = p.total ? ` ${Math.floor((100 * (p.done ?? 0)) / p.total)}%` : '';
        io.stderr(`import${share}: ${p.message ?? ''}\n`);
      });
      void io.interrupted.then(() => main.ctx.jobs.cancel(jobId));
      const status = await main.ctx.jobs.wait(jobId).finally(unsubscribe);
      if (status.state !== 'succeeded') {
        const e = status.error ?? { code: 'internal' as const, message: `The import ended as ${status.state}.` };
        throw new AttestError(e.code, e.message, e.hint, e.details);
      }
      const summary = ImportSummary.parse(status.result);
      io.stdout(quiet ? formatJson(summary) : `${summary.message}\n`);
      return 0;
    }, { lockFor: 'attest import' });
  },
};
