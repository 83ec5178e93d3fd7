import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLogisticModel } from '../../support/replay-models';
import type { BadInputCase } from './catalogue-case';

const MODEL = buildLogisticModel({ features: ['income', 'debt'], means: [0, 0], stds: [1, 1], coef: [0.5, -0.5], intercept: 0, packed: true });

interface CaseFiles {
  model?: Uint8Array | string;
  /** The reference.json text, or a patch of the valid reference. */
  reference?: string | ((ref: Record<string, unknown>) => void);
}

/** A valid two-row reference for MODEL (input "features" [2,2] float32, output "pd" [2,1]). */
function validReference(): Record<string, unknown> {
  return {
    format: 'onnx-replay-reference/1',
    model: 'model.onnx',
    inputs: [{ name: 'features', kind: 'tensor', dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] }],
    expected_outputs: [{ name: 'pd', kind: 'tensor', dtype: 'float32', shape: [2, 1], data: [0.3775407, 0.3775407] }],
  };
}

/** Write a replay case folder (model.onnx + reference.json) and return `attest replay-case FOLDER`. */
function replayCase(root: string, name: string, files: CaseFiles): Promise<string[]> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), files.model ?? MODEL);
  let text = typeof files.reference === 'string' ? files.reference : undefined;
  if (text === undefined) {
    const ref = validReference();
    if (typeof files.reference === 'function') files.reference(ref);
    text = JSON.stringify(ref);
  }
  writeFileSync(join(dir, 'reference.json'), text);
  return Promise.resolve(['replay-case', dir]);
}

const firstInput = (ref: Record<string, unknown>) => (ref.inputs as Record<string, unknown>[])[0]!;

/** Cases about replaying recorded inputs from files: models that are not ONNX, values of the wrong type or shape. */
export const replayCases: BadInputCase[] = [
  {
    name: 'model.onnx that is not ONNX',
    make: (root) => replayCase(root, 'not-onnx', { model: 'PK\u0003\u0004 this is a zip, not a model' }),
    exit: 2,
    error: /not-onnx\/model\.onnx is not a readable ONNX model/,
    noWorkspace: true,
  },
  {
    name: 'model.onnx cut short',
    make: (root) => replayCase(root, 'truncated-onnx', { model: MODEL.subarray(0, Math.floor(MODEL.length / 2)) }),
    exit: 2,
    error: /truncated-onnx\/model\.onnx is not a readable ONNX model/,
    noWorkspace: true,
  },
  {
    name: 'input dtype float32 holding strings',
    make: (root) => replayCase(root, 'strings-as-floats', { reference: (ref) => (firstInput(ref).data = ['a', 'b', 'c', 'd']) }),
    exit: 2,
    error: /Input "features": the model expects float32 values/,
    noWorkspace: true,
  },
  {
    name: 'input recorded as int64 for a float32 model input',
    make: (root) => replayCase(root, 'wrong-dtype', { reference: (ref) => (firstInput(ref).dtype = 'int64') }),
    exit: 2,
    error: /features.*int64/,
    noWorkspace: true,
  },
  {
    name: 'input of an unknown dtype',
    make: (root) => replayCase(root, 'unknown-dtype', { reference: (ref) => (firstInput(ref).dtype = 'complex512') }),
    exit: 2,
    error: /complex512/,
    noWorkspace: true,
  },
  {
    name: 'input shaped 2x3 for a model that takes ?x2',
    make: (root) => replayCase(root, 'wrong-width', { reference: (ref) => Object.assign(firstInput(ref), { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }) }),
    exit: 3,
    error: /The recorded input "features" has shape \[2, 3\] but the model declares \[\?, 2\]/,
    noWorkspace: true,
    onStdout: true,
  },
  {
    name: 'input whose shape does not match its data (3x2 with 4 values)',
    make: (root) => replayCase(root, 'shape-data', { reference: (ref) => (firstInput(ref).shape = [3, 2]) }),
    exit: 2,
    error: /features.*(shape|values)/,
    noWorkspace: true,
  },
  {
    name: 'reference.json with NaN and Infinity (as Python writes them)',
    make: (root) => replayCase(root, 'python-nan', { reference: JSON.stringify(validReference()).replace('[1,2,3,4]', '[1,NaN,3,Infinity]') }),
    exit: 2,
    error: /python-nan\/reference\.json is not valid JSON/,
    noWorkspace: true,
  },
];
