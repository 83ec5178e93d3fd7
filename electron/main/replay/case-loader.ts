import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Tolerance } from '../../../shared/schemas/bundle';
import { type NamedValue, ReferenceFile } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { decodeValueFile } from './onnx-data';
import { decodeModel, feedableInputs, graphOutputs } from './onnx-model';

/** The onnx backend test runner's default tolerance (onnx/backend/test/runner). */
export const BACKEND_DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-7 };

/** One set of recorded inputs with the outputs they should produce. */
export interface DataSet {
  label: string;
  inputs: NamedValue[];
  outputs: NamedValue[];
}

/** A replay case read from files: the model and one or more recorded data sets. */
export interface ReplayCase {
  path: string;
  modelFile: string;
  modelBytes: Uint8Array;
  dataSets: DataSet[];
  /** The tolerance the case suggests, or null when it suggests none. */
  tolerance: Tolerance | null;
}

/** Read a case: a reference.json, a folder holding one, or an onnx backend test folder (model.onnx + test_data_set_N/). */
export function loadCase(path: string): ReplayCase {
  const full = resolve(path);
  if (!existsSync(full)) throw new AttestError('bad-input', `${path} does not exist.`, 'Give the path of a reference.json or of a folder with model.onnx and test_data_set_0/.');
  if (statSync(full).isFile()) return loadReference(full);
  const sets = readdirSync(full).filter((n) => /^test_data_set_\d+$/.test(n)).sort(byNumber);
  if (sets.length > 0) return loadBackendFolder(full, sets);
  if (existsSync(join(full, 'reference.json'))) return loadReference(join(full, 'reference.json'));
  throw new AttestError(
    'bad-input',
    `${path} is neither a reference.json nor a folder with test_data_set_N/ subfolders or a reference.json.`,
    'Point replay-case at a reference.json ("onnx-replay-reference/1") or an onnx backend test folder.',
  );
}

function byNumber(a: string, b: string): number {
  return Number(/\d+$/.exec(a)?.[0]) - Number(/\d+$/.exec(b)?.[0]);
}

function readModel(file: string): Uint8Array {
  if (!existsSync(file)) throw new AttestError('bad-input', `The case's model ${file} does not exist.`, 'Put model.onnx beside the reference or fix its "model" field.');
  if (!statSync(file).isFile()) throw new AttestError('bad-input', `The case's model ${file} is a folder, not an ONNX file.`, 'Fix the reference\'s "model" field: it names the .onnx file.');
  return readFileSync(file);
}

function loadReference(file: string): ReplayCase {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AttestError('bad-input', `${file} is not valid JSON (${(error as Error).message}).`, 'Check the file is a complete reference.json.');
  }
  const parsed = ReferenceFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestError(
      'bad-input',
      `${file} is not an "onnx-replay-reference/1" file: ${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}.`,
      'The format is documented with the fixtures (README.md, "reference.json").',
    );
  }
  const ref = parsed.data;
  const modelFile = join(dirname(file), ref.model ?? 'model.onnx');
  return {
    path: file,
    modelFile,
    modelBytes: readModel(modelFile),
    dataSets: [{ label: basename(file), inputs: ref.inputs, outputs: ref.expected_outputs }],
    tolerance: ref.compare ? { atol: ref.compare.atol, rtol: ref.compare.rtol } : null,
  };
}

function loadBackendFolder(folder: string, sets: string[]): ReplayCase {
  const modelFile = join(folder, 'model.onnx');
  const modelBytes = readModel(modelFile);
  const model = decodeModel(modelBytes, modelFile);
  const inputs = feedableInputs(model);
  const outputs = graphOutputs(model);
  const dataSets = sets.map((set) => {
    const dir = join(folder, set);
    const read = (prefix: string, declared: typeof inputs): NamedValue[] =>
      declared.flatMap((d, i) => {
        const file = join(dir, `${prefix}_${i}.pb`);
        // Optional inputs may legitimately have no file; planFeeds decides whether that is allowed.
        if (!existsSync(file)) return [];
        return [{ ...decodeValueFile(readFileSync(file), d.type, file), name: d.name }];
      });
    return { label: set, inputs: read('input', inputs), outputs: read('output', outputs) };
  });
  return { path: folder, modelFile, modelBytes, dataSets, tolerance: null };
}
