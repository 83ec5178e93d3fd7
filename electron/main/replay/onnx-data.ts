import { onnx } from 'onnx-proto';
import type { ReplayValue } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import type { DeclaredType } from './onnx-model';
import { dtypeName } from './onnx-model';
import { decodeTensorFile, tensorFromProto } from './tensor-proto';

/**
 * Decoders for onnx-data.proto's SequenceProto, MapProto and OptionalProto, which the backend test data
 * uses for non-tensor values. onnx-proto ships only onnx.proto, so these three small messages are read here
 * from the protobuf wire format directly; their TensorProto members go through onnx-proto.
 */

interface Field {
  number: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

function readVarint(buf: Uint8Array, pos: { at: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos.at++];
    if (byte === undefined) throw new Error('truncated varint');
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  const pos = { at: 0 };
  while (pos.at < buf.length) {
    const key = Number(readVarint(buf, pos));
    const field: Field = { number: key >>> 3, wire: key & 7 };
    if (field.wire === 0) field.varint = readVarint(buf, pos);
    else if (field.wire === 2) {
      const length = Number(readVarint(buf, pos));
      field.bytes = buf.subarray(pos.at, pos.at + length);
      pos.at += length;
    } else if (field.wire === 5) pos.at += 4;
    else if (field.wire === 1) pos.at += 8;
    else throw new Error(`unexpected wire type ${field.wire}`);
    fields.push(field);
  }
  return fields;
}

/** repeated int64 may arrive packed (one length-delimited field) or one varint per value. */
function int64List(fields: Field[], number: number): number[] {
  const out: number[] = [];
  for (const f of fields.filter((x) => x.number === number)) {
    if (f.varint !== undefined) out.push(Number(BigInt.asIntN(64, f.varint)));
    else if (f.bytes) {
      const pos = { at: 0 };
      while (pos.at < f.bytes.length) out.push(Number(BigInt.asIntN(64, readVarint(f.bytes, pos))));
    }
  }
  return out;
}

function decodeSequence(buf: Uint8Array, file: string): ReplayValue {
  const fields = readFields(buf);
  const elements: ReplayValue[] = [];
  for (const f of fields) {
    if (!f.bytes) continue;
    if (f.number === 3) elements.push(tensorFromProto(onnx.TensorProto.decode(f.bytes), file));
    else if (f.number === 5) elements.push(decodeSequence(f.bytes, file));
    else if (f.number === 6) elements.push(decodeMap(f.bytes, file));
    else if (f.number === 7) elements.push(decodeOptional(f.bytes, file));
  }
  return { kind: 'sequence', elements };
}

function decodeMap(buf: Uint8Array, file: string): ReplayValue {
  const fields = readFields(buf);
  const keyType = Number(fields.find((f) => f.number === 2)?.varint ?? 0n);
  const stringKeys = fields.filter((f) => f.number === 4 && f.bytes).map((f) => Buffer.from(f.bytes as Uint8Array).toString('utf8'));
  const keys: (string | number)[] = keyType === 8 ? stringKeys : int64List(fields, 3);
  const valuesField = fields.find((f) => f.number === 5)?.bytes;
  const values = valuesField ? decodeSequence(valuesField, file) : { kind: 'sequence' as const, elements: [] };
  const tensors = values.kind === 'sequence' ? values.elements.filter((v) => v.kind === 'tensor') : [];
  const flat = tensors.flatMap((v) => v.data);
  const entries = keys.map((k, i): [string | number, number | string] => [k, flat[i] as number | string]);
  return { kind: 'map', key_dtype: dtypeName(keyType), value_dtype: tensors[0]?.dtype ?? 'float32', entries };
}

function decodeOptional(buf: Uint8Array, file: string): ReplayValue {
  const fields = readFields(buf);
  for (const f of fields) {
    if (!f.bytes) continue;
    if (f.number === 3) return { kind: 'optional', value: tensorFromProto(onnx.TensorProto.decode(f.bytes), file) };
    if (f.number === 5) return { kind: 'optional', value: decodeSequence(f.bytes, file) };
    if (f.number === 6) return { kind: 'optional', value: decodeMap(f.bytes, file) };
    if (f.number === 7) return { kind: 'optional', value: decodeOptional(f.bytes, file) };
  }
  return { kind: 'optional', value: null };
}

/** Decode one backend-test .pb file according to the declared type of the graph value it belongs to. */
export function decodeValueFile(bytes: Uint8Array, declared: DeclaredType, file: string): ReplayValue {
  try {
    if (declared.kind === 'sequence') return decodeSequence(bytes, file);
    if (declared.kind === 'map') return decodeMap(bytes, file);
    if (declared.kind === 'optional') return decodeOptional(bytes, file);
  } catch (error) {
    throw new AttestError(
      'bad-input',
      `${file} could not be read as a ${declared.kind} value (${(error as Error).message}).`,
      'The file is damaged or does not belong to this model.',
    );
  }
  return decodeTensorFile(bytes, file);
}
