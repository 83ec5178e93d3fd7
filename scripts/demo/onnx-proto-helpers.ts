import { onnx } from 'onnx-proto';

/** IR version 8 (ONNX 1.10), the newest onnx-proto encodes; it covers ai.onnx 15 and ai.onnx.ml 3. */
export const IR_VERSION = 8;
/** Default-domain opset of every demo graph (onnxruntime-node has kernels for all ops used here). */
export const AI_ONNX_OPSET = 15;
/** ai.onnx.ml opset of the tree ensembles. */
export const AI_ONNX_ML_OPSET = 3;

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A float32 initializer; values are rounded to float32 by the encoding, as in any exported model. */
export function floatTensor(name: string, dims: number[], values: readonly number[]): onnx.ITensorProto {
  return { name, dataType: FLOAT, dims, floatData: [...values] };
}

/** A float32 [N, width] graph input or output with a symbolic batch dimension. */
export function floatValueInfo(name: string, width: number, docString?: string): onnx.IValueInfoProto {
  return {
    name,
    ...(docString ? { docString } : {}),
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  };
}

/** A graph node. */
export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attribute: onnx.IAttributeProto[] = [],
  domain = '',
): onnx.INodeProto {
  return { opType, input: inputs, output: outputs, name: outputs[0] ?? opType, attribute, domain };
}

const A = onnx.AttributeProto.AttributeType;

/** Integer attribute. */
export function intAttr(name: string, i: number): onnx.IAttributeProto {
  return { name, type: A.INT, i };
}
/** Integer-list attribute. */
export function intsAttr(name: string, ints: readonly number[]): onnx.IAttributeProto {
  return { name, type: A.INTS, ints: [...ints] };
}
/** Float-list attribute. */
export function floatsAttr(name: string, floats: readonly number[]): onnx.IAttributeProto {
  return { name, type: A.FLOATS, floats: [...floats] };
}
/** String attribute. */
export function stringAttr(name: string, s: string): onnx.IAttributeProto {
  return { name, type: A.STRING, s: Buffer.from(s, 'utf8') };
}
/** String-list attribute. */
export function stringsAttr(name: string, strings: readonly string[]): onnx.IAttributeProto {
  return { name, type: A.STRINGS, strings: strings.map((s) => Buffer.from(s, 'utf8')) };
}

/** What a demo model file says about itself (ONNX metadata_props and doc strings). */
export interface ModelMeta {
  graphName: string;
  docString: string;
  modelVersion: number;
  metadata: Record<string, string>;
}

/** Serialise a graph into ONNX model bytes; the encoding is deterministic for equal inputs. */
export function encodeModel(graph: onnx.IGraphProto, meta: ModelMeta, usesMl: boolean): Uint8Array {
  const opsetImport: onnx.IOperatorSetIdProto[] = [{ domain: '', version: AI_ONNX_OPSET }];
  if (usesMl) opsetImport.push({ domain: 'ai.onnx.ml', version: AI_ONNX_ML_OPSET });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport,
    producerName: 'northwind-mlops',
    producerVersion: '2.4.0',
    domain: 'bank.northwind.models',
    modelVersion: meta.modelVersion,
    docString: meta.docString,
    graph: { ...graph, name: meta.graphName },
    metadataProps: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
