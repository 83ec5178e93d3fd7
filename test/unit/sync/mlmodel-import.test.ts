import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelVersionRecord } from '../../../shared/schemas/bundle';
import { fixedClock } from '../../../electron/main/core/clock';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { findReplayTarget } from '../../../electron/main/store/replay-repo';
import { trustKey } from '../../../electron/main/store/trust-repo';
import { type BundleContent, writeBundle } from '../../../electron/main/sync/bundle-writer';
import { importBundle } from '../../../electron/main/sync/import-bundle';
import { publicKeyPem, signingKeyFromSeed } from '../../../electron/main/sync/keys';
import { type Workspace, openWorkspace } from '../../../electron/main/workspace/workspace';
import { sampleBundleContent } from '../../support/fixtures';
import { makeTempDir } from '../../support/temp';

const KEY = signingKeyFromSeed(new Uint8Array(32).fill(7));
const actor = { user: 'auditor', displayName: 'A. Auditor' };
const MLMODEL = new TextEncoder().encode(
  [
    'flavors:',
    '  onnx:',
    '    onnx_version: 1.16.1',
    'mlflow_version: 2.19.0',
    'signature:',
    `  inputs: '[{"name": "income", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}}]'`,
    `  outputs: '[{"name": "pd", "type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 1]}}]'`,
    '',
  ].join('\n'),
);
const MLMODEL_REF = { sha256: sha256Hex(MLMODEL), size: MLMODEL.length, mediaType: 'application/x-yaml', fileName: 'MLmodel' };

/** The sample bundle with each version naming the MLmodel (carried by hash), changed by `edit`. */
function withMlmodel(edit: (v: ModelVersionRecord) => ModelVersionRecord, carry: Uint8Array = MLMODEL): BundleContent {
  const content = sampleBundleContent();
  const members = content.members.map((m) => (m.kind === 'model-versions' && m.records ? { ...m, records: (m.records as ModelVersionRecord[]).map((v) => edit({ ...v, mlmodel: MLMODEL_REF })) } : m));
  return { ...content, members: [...members, { path: `artifacts/${MLMODEL_REF.sha256}`, kind: 'artifact', bytes: carry }] };
}

describe('MLmodel files carried in bundles', () => {
  let dir = '';
  let cleanup = () => {};
  let ws: Workspace;
  const deps = () => ({ workspace: ws, clock: fixedClock('2026-02-01T00:00:00.000Z'), actor });
  const write = async (content: BundleContent) => {
    const path = join(dir, `b-${Math.random().toString(36).slice(2)}.attest`);
    await writeBundle(path, content, KEY);
    return path;
  };
  beforeEach(() => {
    ({ dir, cleanup } = makeTempDir());
    ws = openWorkspace(join(dir, 'ws'), { create: true });
    trustKey(ws.db, publicKeyPem(KEY), 'sender', actor, '2026-01-01T00:00:00.000Z');
  });
  afterEach(() => {
    ws.close();
    cleanup();
  });

  it('gives a version without a signature record the one its MLmodel declares, and keeps the summary', async () => {
    await importBundle(deps(), await write(withMlmodel((v) => v)), {});
    expect(findReplayTarget(ws.db, { model: 'credit-pd', version: '1' }).signature).toEqual({
      inputs: [{ name: 'income', type: 'float32', shape: [-1, 1] }],
      outputs: [{ name: 'pd', type: 'float32', shape: [-1, 1] }],
    });
    expect(ws.db.prepare("SELECT mlmodel_sha256, mlmodel_json FROM model_version WHERE version = '2'").get()).toEqual({
      mlmodel_sha256: MLMODEL_REF.sha256,
      mlmodel_json: '{"flavors":["onnx"],"mlflowVersion":"2.19.0","onnxVersion":"1.16.1"}',
    });
  });

  it('refuses a record whose signature contradicts its MLmodel, or an MLmodel it cannot read, and changes nothing', async () => {
    const dbPath = ws.paths.db;
    const before = readFileSync(dbPath);
    const contradicting = withMlmodel((v) => ({ ...v, signature: { inputs: [{ name: 'salary', type: 'float32', shape: [-1, 1] }], outputs: [] } }));
    await expect(importBundle(deps(), await write(contradicting), {})).rejects.toThrow(/credit-pd v1: its MLmodel file declares the signature .*"income".* but the version record says .*"salary"/);
    const broken = new TextEncoder().encode('flavors: {}\nsignature:\n  inputs: not json\n');
    const unreadable = withMlmodel((v) => ({ ...v, mlmodel: { ...MLMODEL_REF, sha256: sha256Hex(broken), size: broken.length } }), broken);
    const content = { ...unreadable, members: unreadable.members.map((m) => (m.path === `artifacts/${MLMODEL_REF.sha256}` ? { ...m, path: `artifacts/${sha256Hex(broken)}` } : m)) };
    await expect(importBundle(deps(), await write(content), {})).rejects.toThrow(/MLmodel of credit-pd v1 \([0-9a-f]{12}…\): signature\.inputs is not JSON/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });
});
