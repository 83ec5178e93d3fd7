import { onnx } from 'onnx-proto';
import { toNumber } from './onnx-model';

/** A ZipMap output replaced by the probability tensor that fed it. */
export interface ZipMapExposure {
  /** The graph output that was a seq(map) of class → probability. */
  output: string;
  /** The [N, classes] float tensor now fetched in its place. */
  tensor: string;
  /** Class labels in column order of `tensor` (the ZipMap's classlabels attribute). */
  classLabels: (string | number)[];
}

/**
 * onnxruntime-node can only return tensors, so a ZipMap output (scikit-learn classifiers converted by
 * skl2onnx: a sequence of {class: probability} maps) cannot be fetched. The probabilities are the tensor
 * feeding the ZipMap; this rewrites the graph so that tensor is the output instead and the ZipMap node is
 * gone. The arithmetic of the model is untouched: ZipMap only re-labels numbers it is given.
 *
 * Returns the rewritten model bytes, or null when no output is a ZipMap.
 */
export function exposeZipMapProbabilities(modelBytes: Uint8Array): { bytes: Uint8Array; exposures: ZipMapExposure[] } | null {
  const model = onnx.ModelProto.decode(modelBytes);
  const graph = model.graph as onnx.GraphProto;
  const exposures: ZipMapExposure[] = [];
  for (const [position, output] of graph.output.entries()) {
    const name = output.name ?? '';
    if (!output.type?.sequenceType) continue;
    const nodeIndex = graph.node.findIndex((n) => n.opType === 'ZipMap' && (n.output ?? []).includes(name));
    const node = graph.node[nodeIndex];
    const tensor = node?.input?.[0];
    if (!node || !tensor) continue;
    exposures.push({ output: name, tensor, classLabels: classLabelsOf(node) });
    graph.output[position] = onnx.ValueInfoProto.create({
      name: tensor,
      type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } },
    });
    graph.node.splice(nodeIndex, 1);
  }
  if (exposures.length === 0) return null;
  return { bytes: onnx.ModelProto.encode(model).finish(), exposures };
}

function classLabelsOf(node: onnx.INodeProto): (string | number)[] {
  const attributes = node.attribute ?? [];
  const strings = attributes.find((a) => a.name === 'classlabels_strings');
  if (strings?.strings?.length) return strings.strings.map((b) => Buffer.from(b).toString('utf8'));
  const ints = attributes.find((a) => a.name === 'classlabels_int64s');
  return (ints?.ints ?? []).map((v) => toNumber(v));
}
