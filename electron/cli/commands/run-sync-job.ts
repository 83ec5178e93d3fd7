import { ImportSummary } from '../../../shared/schemas/sync';
import { AttestError } from '../../main/core/errors';
import type { Main } from '../../main/main-context';
import type { CommandIo } from '../command';
import { formatJson } from '../format';

/**
 * Wait for an import or sync job started through a channel: progress to stderr (at most once a second), Ctrl-C
 * cancels (the job rolls back), the summary to stdout.
 */
export async function runSyncJob(main: Main, io: CommandIo, jobId: string, json: boolean): Promise<number> {
  let lastShown = 0;
  const unsubscribe = main.ctx.bus.subscribe((name, payload) => {
    const p = payload as { jobId?: string; done?: number; total?: number | null; message?: string };
    if (json || name !== 'job:progress' || p.jobId !== jobId || Date.now() - lastShown < 1000) return;
    lastShown = Date.now();
    const share = p.total ? ` ${Math.floor((100 * (p.done ?? 0)) / p.total)}%` : '';
    io.stderr(`${share.trim() ? `${share.trim()} ` : ''}${p.message ?? ''}\n`);
  });
  void io.interrupted.then(() => main.ctx.jobs.cancel(jobId));
  const status = await main.ctx.jobs.wait(jobId).finally(unsubscribe);
  if (status.state !== 'succeeded') {
    const e = status.error ?? { code: 'internal' as const, message: `The job ended as ${status.state}.` };
    throw new AttestError(e.code, e.message, e.hint, e.details);
  }
  const summary = ImportSummary.parse(status.result);
  io.stdout(json ? formatJson(summary) : `${summary.message}\n`);
  return 0;
}
