import { onnx } from 'onnx-proto';
import type { TensorValue } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { dtypeName, toNumber } from './onnx-model';

type Element = number | string | boolean;

const RAW_READERS: Record<string, { size: number; read: (view: DataView, offset: number) => Element }> = {
  float32: { size: 4, read: (v, o) => v.getFloat32(o, true) },
  float64: { size: 8, read: (v, o) => v.getFloat64(o, true) },
  int8: { size: 1, read: (v, o) => v.getInt8(o) },
  uint8: { size: 1, read: (v, o) => v.getUint8(o) },
  int16: { size: 2, read: (v, o) => v.getInt16(o, true) },
  uint16: { size: 2, read: (v, o) => v.getUint16(o, true) },
  int32: { size: 4, read: (v, o) => v.getInt32(o, true) },
  uint32: { size: 4, read: (v, o) => v.getUint32(o, true) },
  int64: { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  uint64: { size: 8, read: (v, o) => Number(v.getBigUint64(o, true)) },
  bool: { size: 1, read: (v, o) => v.getUint8(o) !== 0 },
};

/** Turn a decoded TensorProto into a plain tensor value (row-major data, dtype name, shape). */
export function tensorFromProto(tensor: onnx.ITensorProto, file: string): TensorValue {
  const dtype = dtypeName(tensor.dataType ?? 0);
  const shape = (tensor.dims ?? []).map((d) => toNumber(d));
  const count = shape.reduce((a, b) => a * b, 1);
  const data = tensor.rawData && tensor.rawData.length > 0 ? fromRaw(tensor.rawData, dtype, file) : fromTyped(tensor, dtype, file);
  if (data.length !== count) {
    throw new AttestError(
      'bad-input',
      `${file}: tensor "${tensor.name ?? ''}" has ${data.length} values but its shape [${shape.join(', ')}] needs ${count}.`,
      'The .pb file is damaged or was written by a broken exporter; regenerate it.',
    );
  }
  return { kind: 'tensor', dtype, shape, data };
}

/** Decode a TensorProto .pb file. */
export function decodeTensorFile(bytes: Uint8Array, file: string): TensorValue {
  let proto: onnx.TensorProto;
  try {
    proto = onnx.TensorProto.decode(bytes);
  } catch (error) {
    throw new AttestError('bad-input', `${file} is not a TensorProto (${(error as Error).message}).`, 'Check the test data set files.');
  }
  return tensorFromProto(proto, file);
}

function fromRaw(raw: Uint8Array, dtype: string, file: string): Element[] {
  const reader = RAW_READERS[dtype];
  if (!reader) throw unsupportedDtype(dtype, file);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Element[] = [];
  for (let offset = 0; offset + reader.size <= raw.byteLength; offset += reader.size) out.push(reader.read(view, offset));
  return out;
}

function fromTyped(tensor: onnx.ITensorProto, dtype: string, file: string): Element[] {
  switch (dtype) {
    case 'float32':
      return [...(tensor.floatData ?? [])];
    case 'float64':
      return [...(tensor.doubleData ?? [])];
    case 'int64':
      return (tensor.int64Data ?? []).map((v) => toNumber(v));
    case 'uint32':
    case 'uint64':
      return (tensor.uint64Data ?? []).map((v) => toNumber(v));
    case 'string':
      return (tensor.stringData ?? []).map((b) => Buffer.from(b).toString('utf8'));
    case 'bool':
      return (tensor.int32Data ?? []).map((v) => v !== 0);
    case 'int8':
    case 'uint8':
    case 'int16':
    case 'uint16':
    case 'int32':
      return [...(tensor.int32Data ?? [])];
    default:
      throw unsupportedDtype(dtype, file);
  }
}

function unsupportedDtype(dtype: string, file: string): AttestError {
  return new AttestError(
    'unsupported',
    `${file} holds a ${dtype} tensor, which Attest cannot compare yet.`,
    'Replay supports float32, float64, integer, bool and string tensors.',
  );
}
