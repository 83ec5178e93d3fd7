import type { HistoryDiff, SnapshotInfo } from '../../../shared/schemas/sync';
import { type Command, booleanFlag, jsonOption, workspaceOption } from '../command';
import { formatJson, formatTable } from '../format';
import { call, withMain } from '../with-main';

/** A snapshot argument: a number is a snapshot id, anything else a date or time. */
function snapshotArg(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** `attest diff A B`: what changed in the registry and lineage between two snapshots. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'What changed between two snapshots (ids or dates): versions, aliases, stages, metrics, dataset digests, upstream jobs.',
  usage: 'attest diff A B [--workspace DIR] [--json]   (A, B: snapshot id, or a date such as 2026-03-31)',
  options: { ...workspaceOption, ...jsonOption },
  positionals: { min: 2, max: 2 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const [from, to] = args.positionals.map(snapshotArg);
      const diff = await call(main, 'history:diff', { from: from ?? '', to: to ?? '' });
      io.stdout(booleanFlag(args, 'json') ? formatJson(diff) : renderDiff(diff));
      return 0;
    }),
};

/** `attest history`: every snapshot, oldest first. */
export const historyCommand: Command = {
  name: 'history',
  summary: 'List the snapshots (imports) of this workspace, oldest observation first.',
  usage: 'attest history [--workspace DIR] [--json]',
  options: { ...workspaceOption, ...jsonOption },
  positionals: { min: 0, max: 0 },
  run: (args, io) =>
    withMain(args, io, async (main) => {
      const snapshots = await call(main, 'snapshots:list', {});
      io.stdout(booleanFlag(args, 'json') ? formatJson(snapshots) : renderSnapshots(snapshots));
      return 0;
    }),
};

function renderSnapshots(snapshots: SnapshotInfo[]): string {
  if (snapshots.length === 0) return 'No snapshots yet. Import a bundle with `attest import FILE`.\n';
  return formatTable(
    ['ID', 'OBSERVED', 'KIND', 'SOURCE', 'LABEL', 'TRUST'],
    snapshots.map((s) => [String(s.id), s.observedAt, s.kind, s.source, s.label, s.verification === 'unverified' ? 'UNVERIFIED' : s.verification]),
  );
}

function renderDiff(d: HistoryDiff): string {
  const name = (s: SnapshotInfo) => `snapshot ${s.id} (observed ${s.observedAt}${s.verification === 'unverified' ? ', UNVERIFIED' : ''})`;
  const section = (title: string, lines: string[]) => (lines.length ? [`${title}:`, ...lines.map((l) => `  ${l}`)] : []);
  const body = [
    ...section('Versions added', d.versionsAdded.map((v) => `${v.model} v${v.version}`)),
    ...section('Versions retired', d.versionsRetired.map((v) => `${v.model} v${v.version}`)),
    ...section('Alias moves', d.aliasMoves.map((m) => `${m.model}@${m.alias}: ${m.from ?? '(none)'} -> ${m.to ?? '(removed)'}`)),
    ...section('Stage moves', d.stageMoves.map((m) => `${m.model} v${m.version}: ${m.from ?? '-'} -> ${m.to ?? '-'}`)),
    ...section('Changed metrics', d.metricChanges.map((m) => `${m.model} v${m.version} ${m.key}: ${m.from ?? '-'} -> ${m.to ?? '-'}`)),
    ...section('Changed dataset digests', d.datasetDigestChanges.map((c) => `${c.name}: ${c.from.join(',') || '-'} -> ${c.to.join(',')}`)),
    ...section('New upstream jobs', d.upstreamJobsAdded),
    ...section('Vanished upstream jobs', d.upstreamJobsVanished),
  ];
  return [`Changes from ${name(d.from)} to ${name(d.to)}`, '', ...(body.length ? body : ['No changes.']), ''].join('\n');
}
