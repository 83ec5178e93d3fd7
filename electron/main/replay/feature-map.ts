import type { ModelSignature } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';
import { type DeclaredValue, formatType } from './onnx-model';
import { type Tensor, makeTensor } from './sessions';

/** A logged feature value (bundle FeatureValue). */
export type Feature = number | string | boolean | null;

/** One graph input and the logged features that fill it, column by column. */
export interface InputBinding {
  input: string;
  dtype: string;
  features: string[];
  /** Declared dimensions after the batch axis: [1] for an [N, 1] column, [8] for a packed [N, 8] input, [] for [N]. */
  trailing: number[];
}

/** How a decision's named features become the model's input tensors. */
export interface FeatureMapping {
  bindings: InputBinding[];
  /** Every feature the model reads, in binding order. */
  features: string[];
  /** The model declares a batch size of exactly 1, so rows must be run one at a time. */
  fixedBatchOne: boolean;
  /** Where the feature names came from. */
  source: 'graph-inputs' | 'signature';
}

const FEEDABLE = new Set(['float32', 'float64', 'int64', 'int32', 'string', 'bool']);

/**
 * Map features to inputs: by name when each graph input is one feature (skl2onnx's layout for a data frame),
 * else through the signature's column names when one graph input packs several features ([N, F]).
 */
export function buildFeatureMapping(inputs: DeclaredValue[], signature: ModelSignature | null, label: string): FeatureMapping {
  let fixedBatchOne = false;
  const bindings = inputs.map((input): InputBinding => {
    const type = input.type.kind === 'optional' ? input.type.element : input.type;
    if (type?.kind !== 'tensor' || !FEEDABLE.has(type.dtype)) {
      throw new AttestError('unsupported', `${label}: model input "${input.name}" is a ${formatType(input.type)}, which decision replay cannot fill from logged features.`, 'Decision replay feeds float, integer, bool and string tensors.');
    }
    const shape = type.shape ?? [null, 1];
    if (shape[0] === 1) fixedBatchOne = true;
    const trailing = shape.slice(1).map((d) => d ?? 1);
    const width = trailing.reduce((a, b) => a * b, 1);
    return { input: input.name, dtype: type.dtype, features: width === 1 ? [input.name] : [], trailing };
  });
  const packed = bindings.filter((b) => b.features.length === 0);
  if (packed.length === 0) return { bindings, features: bindings.flatMap((b) => b.features), fixedBatchOne, source: 'graph-inputs' };
  return bindSignatureColumns(bindings, packed, signature, label, fixedBatchOne);
}

function bindSignatureColumns(bindings: InputBinding[], packed: InputBinding[], signature: ModelSignature | null, label: string, fixedBatchOne: boolean): FeatureMapping {
  const named = new Set(bindings.flatMap((b) => b.features));
  const columns = (signature?.inputs ?? []).map((s) => s.name).filter((n) => !named.has(n));
  const target = packed[0] as InputBinding;
  const width = target.trailing.reduce((a, b) => a * b, 1);
  if (packed.length > 1 || columns.length !== width) {
    throw new AttestError(
      'bad-input',
      `${label}: model input "${target.input}" packs ${width} features into one tensor, and ${signature ? `the signature names ${columns.length} columns for it` : 'the model version has no signature naming them'}, so logged features cannot be placed.`,
      'Register the model version with an MLflow signature listing the input columns in the order the model expects.',
    );
  }
  target.features = columns;
  return { bindings, features: bindings.flatMap((b) => b.features), fixedBatchOne, source: 'signature' };
}

/** Check one decision's features against the mapping: nothing missing, nothing extra, every value of the right kind. */
export function checkFeatures(mapping: FeatureMapping, inputs: Record<string, Feature>, decisionId: string): void {
  if (!isWellFormed(mapping, inputs)) explainMismatch(mapping, inputs, decisionId);
}

/** The fast path, run for every decision of a batch: same feature count, all present, all of the right kind. */
function isWellFormed(mapping: FeatureMapping, inputs: Record<string, Feature>): boolean {
  let count = 0;
  for (const key in inputs) if (Object.prototype.hasOwnProperty.call(inputs, key)) count++;
  if (count !== mapping.features.length) return false;
  for (const binding of mapping.bindings) {
    for (const feature of binding.features) {
      const value = inputs[feature];
      if (value === undefined || !fits(binding.dtype, value)) return false;
    }
  }
  return true;
}

function explainMismatch(mapping: FeatureMapping, inputs: Record<string, Feature>, decisionId: string): void {
  const wanted = new Set(mapping.features);
  const missing = mapping.features.filter((f) => !(f in inputs));
  const extra = Object.keys(inputs).filter((f) => !wanted.has(f));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length ? `lacks ${list(missing)}` : '', extra.length ? `has ${list(extra)} that the model does not take` : ''].filter(Boolean);
    throw new AttestError(
      'bad-input',
      `Decision ${decisionId} ${parts.join(' and ')} (the model reads ${list(mapping.features)}).`,
      'Check that the decision was logged by this model version, or correct the logging of its features.',
    );
  }
  for (const binding of mapping.bindings) {
    for (const feature of binding.features) {
      const value = inputs[feature] ?? null;
      if (!fits(binding.dtype, value)) {
        throw new AttestError(
          'bad-input',
          `Decision ${decisionId}: feature "${feature}" is ${JSON.stringify(value)} (${value === null ? 'missing' : typeof value}) but the model input "${binding.input}" takes ${binding.dtype}.`,
          'Correct the logged value or its type; numbers must be logged as JSON numbers, not strings.',
        );
      }
    }
  }
}

function list(names: string[]): string {
  return names.length > 6 ? `${names.slice(0, 6).map((n) => `"${n}"`).join(', ')} and ${names.length - 6} more` : names.map((n) => `"${n}"`).join(', ');
}

function fits(dtype: string, value: Feature): boolean {
  if (dtype === 'float32' || dtype === 'float64') return typeof value === 'number' || value === null;
  if (dtype === 'int64' || dtype === 'int32') return typeof value === 'number' && Number.isInteger(value);
  if (dtype === 'bool') return typeof value === 'boolean';
  return typeof value === 'string';
}

/** Build the input tensors for these rows (features already checked). A missing float value feeds NaN. */
export function encodeFeeds(mapping: FeatureMapping, rows: Record<string, Feature>[]): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const b of mapping.bindings) {
    const width = b.features.length;
    const dims = [rows.length, ...b.trailing];
    const total = rows.length * width;
    if (b.dtype === 'string') {
      const data: string[] = new Array<string>(total);
      rows.forEach((r, i) => b.features.forEach((f, j) => (data[i * width + j] = String(r[f]))));
      feeds[b.input] = makeTensor('string', data, dims);
      continue;
    }
    const data = allocate(b.dtype, total);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Record<string, Feature>;
      for (let j = 0; j < width; j++) data[i * width + j] = numeric(b.dtype, row[b.features[j] as string] ?? null);
    }
    feeds[b.input] = makeTensor(b.dtype, data, dims);
  }
  return feeds;
}

type Column = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

function allocate(dtype: string, n: number): Column & { [i: number]: number | bigint } {
  if (dtype === 'float64') return new Float64Array(n);
  if (dtype === 'int64') return new BigInt64Array(n);
  if (dtype === 'int32') return new Int32Array(n);
  if (dtype === 'bool') return new Uint8Array(n);
  return new Float32Array(n);
}

function numeric(dtype: string, value: Feature): number | bigint {
  if (dtype === 'int64') return BigInt(value as number);
  if (dtype === 'bool') return value ? 1 : 0;
  return value === null ? Number.NaN : (value as number);
}
