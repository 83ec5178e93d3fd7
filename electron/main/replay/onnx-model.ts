import { onnx } from 'onnx-proto';
import { AttestError } from '../core/errors';

/** ONNX TensorProto.DataType codes → the dtype names used by onnxruntime and reference.json. */
const DTYPE_NAMES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
};

/** The dtype name of an ONNX element type code ("type 16" when Attest has no name for it). */
export function dtypeName(code: number): string {
  return DTYPE_NAMES[code] ?? `type ${code}`;
}

/** A declared dimension: a number, or null when free (symbolic or absent). */
export type DeclaredDim = number | null;

/** The declared type of a graph input or output, enough to plan a replay. */
export type DeclaredType =
  | { kind: 'tensor'; dtype: string; shape: DeclaredDim[] | null }
  | { kind: 'sequence'; element: DeclaredType | null }
  | { kind: 'map'; keyDtype: string; value: DeclaredType | null }
  | { kind: 'optional'; element: DeclaredType | null }
  | { kind: 'other'; description: string };

/** A graph input or output with its declared type. */
export interface DeclaredValue {
  name: string;
  type: DeclaredType;
}

/**
 * int64 fields decode as numbers or as Long objects depending on what protobufjs finds installed (and the
 * Long type is not visible to TypeScript here), so they arrive as unknown.
 */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') {
    return Number((value as { toNumber(): unknown }).toNumber());
  }
  return 0;
}

/** Decode an .onnx file; a file that is not an ONNX model is bad input, not a crash. */
export function decodeModel(bytes: Uint8Array, file: string): onnx.ModelProto {
  try {
    const model = onnx.ModelProto.decode(bytes);
    if (!model.graph) throw new Error('the file has no graph');
    return model;
  } catch (error) {
    throw new AttestError(
      'bad-input',
      `${file} is not a readable ONNX model (${(error as Error).message}).`,
      'Check that the file is the model.onnx exported for this case and is not truncated.',
    );
  }
}

/** Describe an ONNX TypeProto. */
export function describeType(type: onnx.ITypeProto | null | undefined): DeclaredType {
  if (!type) return { kind: 'other', description: 'no declared type' };
  if (type.tensorType) {
    const dims = type.tensorType.shape?.dim;
    const shape = dims ? dims.map((d) => (d.dimValue !== null && d.dimValue !== undefined && !d.dimParam ? toNumber(d.dimValue) : null)) : null;
    return { kind: 'tensor', dtype: dtypeName(type.tensorType.elemType ?? 0), shape };
  }
  if (type.sequenceType) return { kind: 'sequence', element: type.sequenceType.elemType ? describeType(type.sequenceType.elemType) : null };
  if (type.mapType) {
    return { kind: 'map', keyDtype: dtypeName(type.mapType.keyType ?? 0), value: type.mapType.valueType ? describeType(type.mapType.valueType) : null };
  }
  if (type.optionalType) return { kind: 'optional', element: type.optionalType.elemType ? describeType(type.optionalType.elemType) : null };
  return { kind: 'other', description: 'a sparse tensor or an unknown type' };
}

/** A declared type as a person reads it: tensor(float32)[?,8], seq(map(int64,tensor(float32))). */
export function formatType(type: DeclaredType | null): string {
  if (!type) return '?';
  switch (type.kind) {
    case 'tensor':
      return `tensor(${type.dtype})${type.shape ? `[${type.shape.map((d) => d ?? '?').join(',')}]` : ''}`;
    case 'sequence':
      return `seq(${formatType(type.element)})`;
    case 'map':
      return `map(${type.keyDtype},${formatType(type.value)})`;
    case 'optional':
      return `optional(${formatType(type.element)})`;
    case 'other':
      return type.description;
  }
}

/** Graph inputs that must be fed: those without an initializer (IR < 4 lists weights as inputs too). */
export function feedableInputs(model: onnx.ModelProto): DeclaredValue[] {
  const graph = model.graph as onnx.GraphProto;
  const initialized = new Set(graph.initializer.map((t) => t.name ?? ''));
  return graph.input.filter((i) => !initialized.has(i.name ?? '')).map((i) => ({ name: i.name ?? '', type: describeType(i.type) }));
}

/** Graph inputs that have an initializer: optional, the model's own value is used when not fed. */
export function initializedInputNames(model: onnx.ModelProto): Set<string> {
  const graph = model.graph as onnx.GraphProto;
  const initialized = new Set(graph.initializer.map((t) => t.name ?? ''));
  return new Set(graph.input.filter((i) => initialized.has(i.name ?? '')).map((i) => i.name ?? ''));
}

/** Declared graph outputs. */
export function graphOutputs(model: onnx.ModelProto): DeclaredValue[] {
  return (model.graph as onnx.GraphProto).output.map((o) => ({ name: o.name ?? '', type: describeType(o.type) }));
}

/** The opset a model imports for a domain ('' = ai.onnx). */
export function opsetOf(model: onnx.ModelProto, domain: string): number | null {
  const entry = model.opsetImport.find((o) => (o.domain ?? '') === domain || (domain === '' && o.domain === 'ai.onnx'));
  return entry ? toNumber(entry.version) : null;
}
