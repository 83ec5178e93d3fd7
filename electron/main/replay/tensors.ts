import type { TensorValue } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { type Tensor, makeTensor } from './sessions';

type NumericArrayCtor = {
  from(values: ArrayLike<number>): Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;
};

const NUMERIC: Record<string, NumericArrayCtor> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
};

/** Is this dtype compared as numbers (as opposed to strings)? */
export function isNumericDtype(dtype: string): boolean {
  return dtype !== 'string';
}

/** A plain tensor value as an onnxruntime tensor of the model's declared dtype. */
export function toOrtTensor(value: TensorValue, dtype: string, label: string): Tensor {
  if (dtype === 'string') {
    if (!value.data.every((v) => typeof v === 'string')) throw mistyped(label, dtype, value.dtype);
    return makeTensor('string', value.data.map(String), value.shape);
  }
  if (!value.data.every((v) => typeof v === 'number' || typeof v === 'boolean')) throw mistyped(label, dtype, value.dtype);
  const numbers = value.data.map(Number);
  if (dtype === 'bool') return makeTensor('bool', Uint8Array.from(numbers.map((n) => (n ? 1 : 0))), value.shape);
  if (dtype === 'int64') return makeTensor('int64', BigInt64Array.from(numbers.map((n) => BigInt(Math.trunc(n)))), value.shape);
  if (dtype === 'uint64') return makeTensor('uint64', BigUint64Array.from(numbers.map((n) => BigInt(Math.trunc(n)))), value.shape);
  const ctor = NUMERIC[dtype];
  if (!ctor) {
    throw new AttestError('unsupported', `${label} is a ${dtype} tensor, which Attest cannot feed to onnxruntime yet.`, 'Replay supports float32, float64, integer, bool and string inputs.');
  }
  return makeTensor(dtype, ctor.from(numbers), value.shape);
}

function mistyped(label: string, wanted: string, got: string): AttestError {
  return new AttestError(
    'bad-input',
    `${label}: the model expects ${wanted} values but the recorded data are not (they are recorded as ${got}, and hold ${wanted === 'string' ? 'non-strings' : 'non-numbers'}).`,
    'Check that the recorded inputs belong to this model.',
  );
}

/** An onnxruntime output tensor as a plain tensor value (int64 as numbers, bool as booleans). */
export function fromOrtTensor(tensor: Tensor): TensorValue {
  const shape = [...tensor.dims];
  const raw = tensor.data as ArrayLike<number | bigint | string>;
  let data: (number | string | boolean)[];
  if (tensor.type === 'bool') data = Array.from(raw as ArrayLike<number>, (v) => v !== 0);
  else if (tensor.type === 'string') data = Array.from(raw as ArrayLike<string>);
  else data = Array.from(raw as ArrayLike<number | bigint>, (v) => Number(v));
  return { kind: 'tensor', dtype: tensor.type, shape, data };
}

/** Row `i` of a tensor along axis 0, keeping a leading dimension of 1. */
export function rowOf(value: TensorValue, i: number): TensorValue {
  const [rows = 1, ...rest] = value.shape;
  const width = value.data.length / Math.max(rows, 1);
  return { ...value, shape: [1, ...rest], data: value.data.slice(i * width, (i + 1) * width) };
}

/** Stack per-row results along axis 0 ([1, C] rows → [N, C]; scalars → [N]). */
export function concatRows(parts: TensorValue[]): TensorValue {
  const first = parts[0];
  if (!first) throw new Error('concatRows needs at least one part');
  const data = parts.flatMap<TensorValue['data'][number]>((p) => p.data);
  const [lead, ...rest] = first.shape;
  const shape = lead === undefined ? [parts.length] : [parts.reduce((n, p) => n + (p.shape[0] ?? 1), 0), ...rest];
  return { kind: 'tensor', dtype: first.dtype, shape, data };
}
