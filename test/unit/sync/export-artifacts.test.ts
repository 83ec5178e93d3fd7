import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../electron/main/core/clock';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { artifactPath } from '../../../electron/main/store/artifact-paths';
import { findReplayTarget } from '../../../electron/main/store/replay-repo';
import { importPath } from '../../../electron/main/sync/import-path';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { sharedFixturesDir } from '../../support/fixtures';
import { buildLogisticModel } from '../../support/replay-models';
import { makeTempDir } from '../../support/temp';

const actor = { user: 'auditor', displayName: 'A. Auditor' };
const MLFLOW = sharedFixturesDir('mlflow', 'examples');
/** Version 1 of the sample model.json was registered from this run, with source …/artifacts/model. */
const RUN = 'd583ca20513841749b26907cb2d3952b';
const MLMODEL = [
  'artifact_path: model',
  'flavors:',
  '  onnx:',
  '    data: model.onnx',
  '    onnx_version: 1.14.0',
  'mlflow_version: 2.3.2',
  `run_id: ${RUN}`,
  'signature:',
  `  inputs: '[{"name": "alcohol", "type": "double"}, {"name": "pH", "type": "double"}]'`,
  `  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}]'`,
  '',
].join('\n');

describe('artifacts in mlflow-export-import folders', () => {
  let dir = '';
  let cleanup = () => {};
  let ws: Workspace;
  const deps = () => ({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor });
  const onnx = buildLogisticModel({ features: ['alcohol', 'pH'], means: [10, 3], stds: [1, 0.2], coef: [0.5, -0.3], intercept: 0.1 });

  /** The sample model.json, and the sample run.json re-keyed to version 1's run, with its model folder. */
  function exportFolder(name: string, files: Record<string, string | Uint8Array>): string {
    const folder = join(dir, name);
    mkdirSync(join(folder, 'models', 'sklearn_wine'), { recursive: true });
    copyFileSync(join(MLFLOW, 'export_import_oss_single_model_basic.json'), join(folder, 'models', 'sklearn_wine', 'model.json'));
    const run = JSON.parse(readFileSync(join(MLFLOW, 'export_import_oss_single_run_basic.json'), 'utf8')) as { mlflow: { info: Record<string, string> } };
    Object.assign(run.mlflow.info, { run_id: RUN, run_uuid: RUN });
    const runDir = join(folder, 'experiments', '1', 'runs', RUN);
    mkdirSync(join(runDir, 'artifacts', 'model'), { recursive: true });
    writeFileSync(join(runDir, 'run.json'), JSON.stringify(run));
    for (const [path, content] of Object.entries(files)) writeFileSync(join(runDir, 'artifacts', 'model', path), content);
    return folder;
  }

  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    ws = openWorkspace(join(dir, 'ws'), { create: true });
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  it('imports the ONNX file and MLmodel beside the run, content-addressed, with opset and signature', async () => {
    const folder = exportFolder('export', { 'model.onnx': onnx, MLmodel: MLMODEL, 'conda.yaml': 'name: x\n' });
    symlinkSync('/etc/hostname', join(folder, 'experiments', '1', 'runs', RUN, 'artifacts', 'model', 'zz.onnx'));
    const summary = await importPath(deps(), folder, {});
    expect(summary.counts).toMatchObject({ modelVersions: 3, runs: 1, artifacts: 2 });
    const v1 = ws.db.prepare("SELECT artifact_sha256, onnx_opset, framework, mlmodel_sha256 FROM model_version WHERE version = '1'").get();
    expect(v1).toEqual({ artifact_sha256: sha256Hex(onnx), onnx_opset: 15, framework: 'onnx', mlmodel_sha256: sha256Hex(MLMODEL) });
    expect(readFileSync(artifactPath(ws.paths, sha256Hex(onnx))).equals(Buffer.from(onnx))).toBe(true);
    expect(findReplayTarget(ws.db, { model: 'sklearn_wine', version: '1' }).signature?.inputs.map((s) => s.name)).toEqual(['alcohol', 'pH']);
    // Versions 2 and 3 come from runs the export does not hold: records only.
    expect(ws.db.prepare('SELECT count(*) FROM model_version WHERE artifact_sha256 IS NULL').pluck().get()).toBe(2);
    expect((await importPath(deps(), folder, {})).alreadyImported).toBe(true);
  });

  it('refuses an export whose model file changed for a recorded version, or whose source leaves the run folder', async () => {
    await importPath(deps(), exportFolder('first', { 'model.onnx': onnx }), {});
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(ws.paths.db);
    const other = buildLogisticModel({ features: ['alcohol', 'pH'], means: [10, 3], stds: [1, 0.2], coef: [0.9, -0.3], intercept: 0.1 });
    await expect(importPath(deps(), exportFolder('second', { 'model.onnx': other }), {})).rejects.toThrow(/sklearn_wine v1 now names artifact [0-9a-f]{12}…, but this workspace recorded/);
    const escaping = exportFolder('escaping', { 'model.onnx': onnx });
    const modelJson = join(escaping, 'models', 'sklearn_wine', 'model.json');
    writeFileSync(modelJson, readFileSync(modelJson, 'utf8').replace(`${RUN}/artifacts/model"`, `${RUN}/artifacts/../../model"`));
    await expect(importPath(deps(), escaping, {})).rejects.toThrow(/model\.json, version 1: the version's source ".*\/artifacts\/\.\.\/\.\.\/model" points outside its run's artifacts folder/);
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(ws.paths.db).equals(before)).toBe(true);
  });
});
