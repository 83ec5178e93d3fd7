import { type DecisionReplay, REPRODUCED_VERDICTS, type ReplayBatchRequest, ReplayBatchSummary } from '../../../shared/schemas/replay';
import { AttestError } from '../../main/core/errors';
import type { Main } from '../../main/main-context';
import { type Command, type CommandArgs, type CommandIo, booleanFlag, jsonOption, stringFlag, workspaceOption } from '../command';
import { formatJson, formatTable, shortHash } from '../format';
import { call, withMain } from '../with-main';
import { formatDiff, toleranceFlags } from './replay-format';

/** `attest replay`: replay one logged decision, or a model version's decisions in batch. */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'Replay a logged decision (--decision ID) or every decision of a model version (--model NAME --version V) and compare.',
  usage: 'attest replay --decision ID | --model NAME --version V [--from DATE] [--to DATE] [--limit N]  [--atol X] [--rtol Y] [--json] [--workspace DIR]',
  options: {
    ...workspaceOption,
    ...jsonOption,
    decision: { type: 'string' },
    model: { type: 'string' },
    version: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    atol: { type: 'string' },
    rtol: { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  run: (args, io) => {
    const tolerance = toleranceFlags(args);
    const decisionId = stringFlag(args, 'decision');
    if (decisionId) return withMain(args, io, (main) => replayOne(main, args, io, { decisionId, ...tolerance }), { lockFor: 'attest replay' });
    const batch = batchRequest(args);
    return withMain(args, io, (main) => replayBatch(main, args, io, { ...batch, ...tolerance }), { lockFor: 'attest replay' });
  },
};

function batchRequest(args: CommandArgs): ReplayBatchRequest {
  const model = stringFlag(args, 'model');
  const version = stringFlag(args, 'version');
  if (!model || !version) {
    throw new AttestError('bad-request', 'Say what to replay: --decision ID, or --model NAME with --version V.', `Usage: ${replayCommand.usage}`);
  }
  const limitText = stringFlag(args, 'limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new AttestError('bad-request', `--limit must be a positive whole number, got "${limitText}".`, 'For example --limit 1000.');
  }
  const from = stringFlag(args, 'from');
  const to = stringFlag(args, 'to');
  return { model, version, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(limit ? { limit } : {}) };
}

async function replayOne(main: Main, args: CommandArgs, io: CommandIo, request: { decisionId: string; atol?: number; rtol?: number }): Promise<number> {
  const replay = await call(main, 'replay:decision', request);
  io.stdout(booleanFlag(args, 'json') ? formatJson(replay) : renderReplay(replay));
  return REPRODUCED_VERDICTS.includes(replay.verdict) ? 0 : 1;
}

async function replayBatch(main: Main, args: CommandArgs, io: CommandIo, request: ReplayBatchRequest): Promise<number> {
  const { jobId } = await call(main, 'replay:batch', request);
  const quiet = booleanFlag(args, 'json');
  const unsubscribe = main.ctx.bus.subscribe((name, payload) => {
    const p = payload as { jobId?: string; message?: string };
    if (!quiet && name === 'job:progress' && p.jobId === jobId) io.stderr(`${p.message ?? ''}\n`);
  });
  void io.interrupted.then(() => main.ctx.jobs.cancel(jobId));
  const status = await main.ctx.jobs.wait(jobId).finally(unsubscribe);
  if (status.state !== 'succeeded') {
    const e = status.error ?? { code: 'internal' as const, message: `The batch replay ended as ${status.state}.` };
    throw new AttestError(e.code, e.message, e.hint, e.details);
  }
  const summary = ReplayBatchSummary.parse(status.result);
  io.stdout(quiet ? formatJson(summary) : renderBatch(summary));
  return summary.reproducedPercent === 100 ? 0 : 1;
}

function renderValue(value: unknown): string {
  return value === undefined ? '-' : JSON.stringify(value);
}

function renderReplay(r: DecisionReplay): string {
  const names = [...new Set([...Object.keys(r.recordedOutputs), ...Object.keys(r.replayedOutputs)])];
  const outputs = formatTable(['OUTPUT', 'RECORDED', 'REPLAYED'], names.map((n) => [n, renderValue(r.recordedOutputs[n]), renderValue(r.replayedOutputs[n])]));
  const reasons = r.reasonCodes
    ? [
        '',
        `Reason codes (${r.reasonCodes.method}, contributions to the ${r.reasonCodes.scale} of ${r.reasonCodes.output}[${r.reasonCodes.index}], baseline: ${r.reasonCodes.baselineSource}):`,
        formatTable(['FEATURE', 'VALUE', 'BASELINE', 'CONTRIBUTION'], r.reasonCodes.top.map((c) => [c.feature, String(c.value), c.baseline === null ? '-' : typeof c.baseline === 'number' ? c.baseline.toPrecision(6) : c.baseline, c.contribution.toFixed(4)])).trimEnd(),
      ]
    : ['', 'Reason codes: none (the version has no training dataset profile to take a baseline from).'];
  return [
    `Decision ${r.decisionId}: ${r.model} version ${r.version}, decided ${r.decidedAt}`,
    `Artifact ${shortHash(r.artifactSha256)} verified; onnxruntime ${r.runtime.onnxruntime} (${r.runtime.executionProvider}, ${r.runtime.intraOpNumThreads} thread) on ${r.runtime.os}`,
    '',
    outputs.trimEnd(),
    '',
    `Decision: recorded ${r.recordedDecision ?? '-'}, replayed ${r.replayedDecision ?? '-'}`,
    `Max difference: abs ${formatDiff(r.maxAbsDiff)}, rel ${formatDiff(r.maxRelDiff)}; tolerance atol ${r.tolerance.atol}, rtol ${r.tolerance.rtol} (${r.tolerance.source})`,
    `Verdict: ${r.verdict.toUpperCase()}`,
    ...reasons,
    '',
  ].join('\n');
}

function renderBatch(s: ReplayBatchSummary): string {
  const counts = formatTable(['VERDICT', 'DECISIONS'], Object.entries(s.counts).map(([v, n]) => [v, String(n)]));
  const failures = s.failures.length
    ? ['', 'First failures:', formatTable(['DECISION', 'VERDICT', 'MAX ABS DIFF'], s.failures.map((f) => [f.decisionId, f.verdict, formatDiff(f.maxAbsDiff)])).trimEnd()]
    : [];
  return [
    `Batch replay ${s.batchId}: ${s.model} version ${s.version}, ${s.total} decisions, artifact ${shortHash(s.artifactSha256)} verified`,
    `onnxruntime ${s.runtime.onnxruntime} (${s.runtime.executionProvider}, ${s.runtime.intraOpNumThreads} thread); tolerance atol ${s.tolerance.atol}, rtol ${s.tolerance.rtol} (${s.tolerance.source}); max abs difference ${formatDiff(s.maxAbsDiff)}`,
    '',
    counts.trimEnd(),
    ...failures,
    '',
    `Reproduced: ${s.reproducedPercent.toFixed(2)}%`,
    '',
  ].join('\n');
}
