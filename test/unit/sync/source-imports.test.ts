import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { listInventory } from '../../../electron/main/store/inventory-repo';
import { importPath } from '../../../electron/main/sync/import-path';
import { readLineageFile } from '../../../electron/main/sync/openlineage-file';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { sharedFixturesDir } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const actor = { user: 'auditor', displayName: 'A. Auditor' };
const OL = sharedFixturesDir('openlineage', 'events');
const MLFLOW = sharedFixturesDir('mlflow', 'examples');

/** Every real OpenLineage fixture: imported, or refused for the stated reason. */
const EXPECTED: Record<string, { accepted: number } | { reason: RegExp }> = {
  'dbt_bigquery_successful_run_ol_events.json': { reason: /line 2: the event is a test template.*"\{\{ any\(result\) \}\}"/ },
  'flink_expected_kafka.json': { reason: /test template.*json-unit\.any-string/ },
  'fluentd_event_invalid_run_facet.json': { reason: /does not follow the OpenLineage spec \(RunEvent\): run\.facets\.parent\.run\.runId: is required/ },
  'fluentd_event_no_run_id.json': { reason: /has a run without a runId/ },
  'fluentd_event_simple.json': { accepted: 1 },
  'hive_expected_cllSimpleInsertFromTableComplete.json': { reason: /test template/ },
  'hive_expected_cllSimpleInsertFromTableStart.json': { reason: /test template/ },
  'python_client_serde_example_job_event.json': { accepted: 1 },
  'python_client_serde_example_run_event.json': { accepted: 1 },
  'spec_tests_example_full_event.json': { accepted: 1 },
};

describe('imports from unsigned sources', () => {
  let dir = '';
  let cleanup = () => {};
  let ws: Workspace;
  const deps = () => ({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor });
  const count = (sql: string) => ws.db.prepare(sql).pluck().get() as number;
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    ws = openWorkspace(join(dir, 'ws'), { create: true });
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  it('covers every OpenLineage fixture: imports the valid ones, refuses the others with file, line and reason', async () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(readdirSync(OL).sort());
    for (const [file, expected] of Object.entries(EXPECTED)) {
      const run = importPath(deps(), join(OL, file), {});
      if ('reason' in expected) {
        await expect(run, file).rejects.toThrow(expected.reason);
        await expect(importPath(deps(), join(OL, file), {})).rejects.toThrow(new RegExp(file.replace(/\./g, '\\.')));
      } else {
        const summary = await run;
        expect(summary.counts.lineageEvents, file).toBe(expected.accepted);
        expect(summary.verification).toBe('not-signed-source');
      }
    }
    expect(count('SELECT count(*) FROM lineage_event')).toBe(4);
    expect(count('SELECT count(*) FROM snapshot')).toBe(4);
  });

  it('keeps unknown facets, reads offset-less times as UTC, and imports the same file once', async () => {
    const full = join(OL, 'spec_tests_example_full_event.json');
    await importPath(deps(), full, {});
    expect((await importPath(deps(), full, {})).alreadyImported).toBe(true);
    const python = await importPath(deps(), join(OL, 'python_client_serde_example_run_event.json'), {});
    expect(python.observedAt).toBe('2021-11-03T10:53:52.427Z');
    const content = await readLineageFile(full);
    const raw = ws.db.prepare('SELECT raw_json FROM lineage_event WHERE run_uuid = ?').pluck().get(content.accepted[0]!.event.run!.runId) as string;
    expect(JSON.parse(raw)).toEqual(JSON.parse(JSON.stringify(content.accepted[0]!.event)));
    expect(count("SELECT count(*) FROM lineage_edge WHERE edge_type = 'run-of'")).toBe(2);
  });

  it('imports the mlflow-export-import samples: model, versions, stages, aliases, run with params and metrics', async () => {
    const folder = join(dir, 'export');
    mkdirSync(join(folder, 'models', 'sklearn_wine'), { recursive: true });
    mkdirSync(join(folder, 'experiments', '1', 'runs', 'eb66c160957d4a28b11d3f1b968df9cd'), { recursive: true });
    copyFileSync(join(MLFLOW, 'export_import_oss_single_model_basic.json'), join(folder, 'models', 'sklearn_wine', 'model.json'));
    copyFileSync(join(MLFLOW, 'export_import_oss_single_run_basic.json'), join(folder, 'experiments', '1', 'runs', 'eb66c160957d4a28b11d3f1b968df9cd', 'run.json'));
    const summary = await importPath(deps(), folder, {});
    expect(summary).toMatchObject({ verification: 'not-signed-source', observedAt: '2023-05-22T00:50:41.000Z' });
    expect(summary.counts).toMatchObject({ registeredModels: 1, modelVersions: 3, aliasMoves: 3, runs: 1 });
    const [model] = listInventory(ws.db, null, '2026-01-01T00:00:00.000Z');
    expect(model?.name).toBe('sklearn_wine');
    expect(model?.versions.map((v) => [v.version, v.stage, v.aliases.join()])).toEqual([
      ['3', null, 'just-in-case'],
      ['2', 'Staging', 'about-ready'],
      ['1', 'Production', 'good-to-go'],
    ]);
    expect(count("SELECT count(*) FROM run_metric WHERE run_id = 'eb66c160957d4a28b11d3f1b968df9cd'")).toBe(3);
    expect(ws.db.prepare("SELECT value FROM run_param WHERE key = 'max_depth'").pluck().get()).toBe('4');
    expect((await importPath(deps(), folder, {})).alreadyImported).toBe(true);
    expect((await importPath(deps(), join(MLFLOW, 'export_import_oss_single_run_basic.json'), {})).counts.runs).toBe(0);
  });

  it('streams .jsonl files, refusing a bad line by number', async () => {
    const events = ['python_client_serde_example_run_event.json', 'spec_tests_example_full_event.json'].map((f) => JSON.stringify(JSON.parse(readFileSync(join(OL, f), 'utf8'))));
    writeFileSync(join(dir, 'good.jsonl'), `${events.join('\n')}\n\n`);
    const summary = await importPath(deps(), join(dir, 'good.jsonl'), {});
    expect(summary.counts.lineageEvents).toBe(2);
    expect(summary.observedAt).toBe(ws.db.prepare('SELECT max(event_time) FROM lineage_event').pluck().get());
    expect(ws.db.prepare('SELECT observed_at FROM snapshot WHERE id = ?').pluck().get(summary.snapshotId)).toBe(summary.observedAt);
    writeFileSync(join(dir, 'bad.jsonl'), `${events[0]}\n${events[1]}\n{"eventTime": "2026-01-01T00:00:00Z", "run": {}, "job": {"namespace": "a", "name": "b"}}\nnot json\n`);
    await expect(importPath(deps(), join(dir, 'bad.jsonl'), {})).rejects.toThrow(/bad\.jsonl, line 4: not valid JSON/);
    writeFileSync(join(dir, 'bad2.jsonl'), `${events[0]}\n{"eventTime": "2026-01-01T00:00:00Z", "run": {}, "job": {"namespace": "a", "name": "b"}}\n`);
    await expect(importPath(deps(), join(dir, 'bad2.jsonl'), {})).rejects.toThrow(/1 of 2 OpenLineage events refused; nothing was imported\. bad2\.jsonl, line 2: the event has a run without a runId/);
  });

  it('leaves the database file unchanged when a file is refused', async () => {
    await importPath(deps(), join(OL, 'fluentd_event_simple.json'), {});
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(ws.paths.db);
    await expect(importPath(deps(), join(OL, 'dbt_bigquery_successful_run_ol_events.json'), {})).rejects.toThrow(/4 of 4 OpenLineage events refused/);
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(ws.paths.db).equals(before)).toBe(true);
  });

  it('refuses what it cannot recognise', async () => {
    await expect(importPath(deps(), join(dir, 'missing'), {})).rejects.toThrow(/Nothing to import/);
    mkdirSync(join(dir, 'empty'));
    await expect(importPath(deps(), join(dir, 'empty'), {})).rejects.toThrow(/holds no mlflow-export-import/);
  });
});
