import type { CaseResult } from '../../../shared/schemas/replay';
import { releaseSessions } from '../../main/replay/sessions';
import { replayCaseAt } from '../../main/replay/case-runner';
import { type Command, booleanFlag, jsonOption } from '../command';
import { formatJson, formatTable } from '../format';
import { formatDiff, toleranceFlags } from './replay-format';

/** `attest replay-case PATH`: reproduce a recorded prediction from files alone, no workspace needed. */
export const replayCaseCommand: Command = {
  name: 'replay-case',
  summary: 'Replay a model on recorded inputs from files (reference.json or an onnx backend test folder) and compare.',
  usage: 'attest replay-case PATH [--json] [--atol X] [--rtol Y]',
  options: { ...jsonOption, atol: { type: 'string' }, rtol: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  run: async (args, io) => {
    const tolerance = toleranceFlags(args);
    try {
      const result = await replayCaseAt(args.positionals[0] as string, tolerance);
      io.stdout(booleanFlag(args, 'json') ? formatJson(result) : renderCase(result));
      return exitCodeOf(result);
    } finally {
      await releaseSessions();
    }
  },
};

/** 0 reproduced, 1 differs, 3 cannot be replayed here. */
export function exitCodeOf(result: CaseResult): number {
  if (result.status === 'reproduced') return 0;
  return result.status === 'differs' ? 1 : 3;
}

function renderCase(result: CaseResult): string {
  if (result.status === 'cannot-replay') {
    return `Cannot replay ${result.path} here.\n${result.reason}\n${result.hint ? `What to do: ${result.hint}\n` : ''}`;
  }
  const rows = result.outputs.map((o) => [
    o.name,
    o.compared === 'zipmap-probabilities' ? 'zipmap probabilities' : 'tensor',
    `[${o.actualShape.join(',')}]`,
    formatDiff(o.maxAbsDiff),
    formatDiff(o.maxRelDiff),
    `${o.mismatches}/${o.count}`,
    o.verdict,
  ]);
  const notes = [...result.notes, ...result.outputs.flatMap((o) => (o.note ? [`${o.name}: ${o.note}`] : []))];
  const { atol, rtol, source } = result.tolerance;
  return [
    `Replay of ${result.path}`,
    `Run ${result.mode === 'batch' ? 'as one batch' : 'one row at a time'} on onnxruntime ${result.runtime.onnxruntime} (${result.runtime.executionProvider}, ${result.runtime.intraOpNumThreads} thread); tolerance atol ${atol}, rtol ${rtol} (${source}).`,
    '',
    formatTable(['OUTPUT', 'COMPARED', 'SHAPE', 'MAX ABS DIFF', 'MAX REL DIFF', 'OUTSIDE TOL', 'VERDICT'], rows).trimEnd(),
    ...(notes.length > 0 ? ['', ...notes.map((n) => `Note: ${n}`)] : []),
    '',
    result.status === 'reproduced' ? 'Result: REPRODUCED' : 'Result: DIFFERS',
    '',
  ].join('\n');
}
