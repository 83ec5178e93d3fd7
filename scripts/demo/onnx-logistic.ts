import type { onnx } from 'onnx-proto';
import type { ModelMeta } from './onnx-proto-helpers';
import { encodeModel, floatTensor, floatValueInfo, intAttr, node } from './onnx-proto-helpers';

/** A fitted logistic model over standardised features. */
export interface LogisticParams {
  features: readonly string[];
  means: readonly number[];
  stds: readonly number[];
  weights: readonly number[];
  intercept: number;
}

/**
 * Build a logistic model as ONNX: one [N,1] float input per feature (the skl2onnx layout for a data frame, so
 * logged feature names map to graph inputs by name) → Concat → (x − mean) / std → MatMul → Add → Sigmoid.
 */
export function buildLogisticOnnx(params: LogisticParams, outputName: string, meta: ModelMeta): Uint8Array {
  const k = params.features.length;
  const graph: onnx.IGraphProto = {
    input: params.features.map((f) => floatValueInfo(f, 1)),
    output: [floatValueInfo(outputName, 1, 'probability of the positive class')],
    initializer: [
      floatTensor('scaler_mean', [k], params.means),
      floatTensor('scaler_std', [k], params.stds),
      floatTensor('coef', [k, 1], params.weights),
      floatTensor('intercept', [1], [params.intercept]),
    ],
    node: [
      node('Concat', [...params.features], ['features'], [intAttr('axis', 1)]),
      node('Sub', ['features', 'scaler_mean'], ['centred']),
      node('Div', ['centred', 'scaler_std'], ['standardised']),
      node('MatMul', ['standardised', 'coef'], ['linear']),
      node('Add', ['linear', 'intercept'], ['logit']),
      node('Sigmoid', ['logit'], [outputName]),
    ],
  };
  return encodeModel(graph, meta, false);
}
