import type Database from 'better-sqlite3';
import { z } from 'zod';
import { asOfInstant } from '../../../shared/schemas/common';
import { HistoryDiff, type SnapshotInfo, type SnapshotRef } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import { validAt } from './as-of';
import { listSnapshots } from './history-repo';

const VersionState = z.object({ model: z.string(), version: z.string(), stage: z.string().nullable() });
const AliasState = z.object({ model: z.string(), alias: z.string(), version: z.string() });
const MetricRow = z.object({ model: z.string(), version: z.string(), run_id: z.string(), key: z.string(), value: z.number().nullable() });
const DigestRow = z.object({ name: z.string(), digest: z.string() });

/** The snapshot a reference names: an id, or the last snapshot observed by a date (end of day for a bare date). */
export function resolveSnapshot(db: Database.Database, ref: SnapshotRef): SnapshotInfo {
  const snapshots = listSnapshots(db);
  if (typeof ref === 'number') {
    const found = snapshots.find((s) => s.id === ref);
    if (!found) throw new AttestError('not-found', `There is no snapshot ${ref}.`, 'List snapshots with `attest history`.');
    return found;
  }
  const at = asOfInstant(ref);
  const found = snapshots.filter((s) => s.observedAt <= at).at(-1);
  if (!found) throw new AttestError('not-found', `No snapshot was observed by ${ref}.`, 'Pick a later date, or list snapshots with `attest history`.');
  return found;
}

/** Compare the registry and lineage as of snapshot `a` with as of snapshot `b`. */
export function diffSnapshots(db: Database.Database, aRef: SnapshotRef, bRef: SnapshotRef): HistoryDiff {
  const a = resolveSnapshot(db, aRef);
  const b = resolveSnapshot(db, bRef);
  const versionsA = versionStates(db, a.observedAt);
  const versionsB = versionStates(db, b.observedAt);
  const key = (v: { model: string; version: string }) => `${v.model}\u0000${v.version}`;
  const mapA = new Map(versionsA.map((v) => [key(v), v]));
  const mapB = new Map(versionsB.map((v) => [key(v), v]));
  const strip = (v: { model: string; version: string }) => ({ model: v.model, version: v.version });
  return HistoryDiff.parse({
    from: a,
    to: b,
    versionsAdded: versionsB.filter((v) => !mapA.has(key(v))).map(strip),
    versionsRetired: versionsA.filter((v) => !mapB.has(key(v))).map(strip),
    aliasMoves: aliasMoves(db, a.observedAt, b.observedAt),
    stageMoves: versionsB
      .filter((v) => mapA.has(key(v)) && mapA.get(key(v))?.stage !== v.stage)
      .map((v) => ({ ...strip(v), from: mapA.get(key(v))?.stage ?? null, to: v.stage })),
    metricChanges: metricChanges(db, a.observedAt, b.observedAt),
    datasetDigestChanges: digestChanges(db, a.observedAt, b.observedAt),
    ...jobChanges(db, a.id, b.id),
  });
}

function versionStates(db: Database.Database, at: string) {
  const rows = db
    .prepare(
      `SELECT m.name AS model, v.version, s.stage FROM model_version v
       JOIN registered_model m ON m.id = v.model_id
       JOIN model_version_state s ON s.model_version_id = v.id AND ${validAt('s')}
       ORDER BY m.name, CAST(v.version AS INTEGER), v.version`,
    )
    .all({ at });
  return z.array(VersionState).parse(rows);
}

function aliasMoves(db: Database.Database, fromAt: string, toAt: string): HistoryDiff['aliasMoves'] {
  const at = (t: string) =>
    z.array(AliasState).parse(
      db
        .prepare(
          `SELECT m.name AS model, a.alias, v.version FROM alias_assignment a
           JOIN registered_model m ON m.id = a.model_id JOIN model_version v ON v.id = a.model_version_id
           WHERE ${validAt('a')}`,
        )
        .all({ at: t }),
    );
  const before = new Map(at(fromAt).map((r) => [`${r.model}\u0000${r.alias}`, r]));
  const after = new Map(at(toAt).map((r) => [`${r.model}\u0000${r.alias}`, r]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((k) => before.get(k)?.version !== after.get(k)?.version)
    .map((k) => {
      const row = (after.get(k) ?? before.get(k))!;
      return { model: row.model, alias: row.alias, from: before.get(k)?.version ?? null, to: after.get(k)?.version ?? null };
    });
}

/** Latest value per (version's source run, metric key) among metric points known by `at`. */
function metricsAt(db: Database.Database, at: string) {
  const rows = db
    .prepare(
      `SELECT m.name AS model, v.version, rm.run_id, rm.key, rm.value FROM run_metric rm
       JOIN snapshot snap ON snap.id = rm.first_snapshot_id AND snap.observed_at <= :at
       JOIN model_version v ON v.source_run_id = rm.run_id
       JOIN snapshot vs ON vs.id = v.first_snapshot_id AND vs.observed_at <= :at
       JOIN registered_model m ON m.id = v.model_id
       ORDER BY rm.timestamp, rm.step`,
    )
    .all({ at });
  const latest = new Map<string, z.infer<typeof MetricRow>>();
  for (const row of z.array(MetricRow).parse(rows)) latest.set(`${row.model}\u0000${row.version}\u0000${row.key}`, row);
  return latest;
}

function metricChanges(db: Database.Database, fromAt: string, toAt: string): HistoryDiff['metricChanges'] {
  const before = metricsAt(db, fromAt);
  const after = metricsAt(db, toAt);
  const changes: HistoryDiff['metricChanges'] = [];
  for (const [k, row] of after) {
    const old = before.get(k);
    if (old === undefined || old.value === row.value) continue;
    changes.push({ model: row.model, version: row.version, runId: row.run_id, key: row.key, from: old.value, to: row.value });
  }
  return changes;
}

function digestChanges(db: Database.Database, fromAt: string, toAt: string): HistoryDiff['datasetDigestChanges'] {
  const at = (t: string) => {
    const rows = z.array(DigestRow).parse(
      db
        .prepare('SELECT d.name, d.digest FROM dataset d JOIN snapshot s ON s.id = d.first_snapshot_id WHERE s.observed_at <= ? ORDER BY d.name, d.digest')
        .all(t),
    );
    const byName = new Map<string, string[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.digest]);
    return byName;
  };
  const before = at(fromAt);
  const after = at(toAt);
  return [...after]
    .filter(([name, digests]) => (before.get(name) ?? []).join() !== digests.join() && before.has(name))
    .map(([name, digests]) => ({ name, from: before.get(name) ?? [], to: digests }));
}

/** Upstream jobs reported by each snapshot's lineage events: which appeared and which stopped reporting. */
function jobChanges(db: Database.Database, fromId: number, toId: number) {
  const jobs = (id: number) =>
    new Set(
      z
        .array(z.string())
        .parse(
          db
            .prepare(`SELECT DISTINCT job_namespace || '/' || job_name FROM lineage_event WHERE snapshot_id = ? AND job_name IS NOT NULL`)
            .pluck()
            .all(id),
        ),
    );
  const before = jobs(fromId);
  const after = jobs(toId);
  return {
    upstreamJobsAdded: [...after].filter((j) => !before.has(j)).sort(),
    upstreamJobsVanished: [...before].filter((j) => !after.has(j)).sort(),
  };
}
