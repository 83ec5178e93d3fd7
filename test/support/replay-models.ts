import { onnx } from 'onnx-proto';

/** Small ONNX models for replay tests, written with onnx-proto (no Python, no converter). */

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** A logistic model: σ(Σ coef·(x − mean)/std + intercept). */
export interface LogisticSpec {
  features: string[];
  means: number[];
  stds: number[];
  coef: number[];
  intercept: number;
  output?: string;
  /** One [N, F] input named "features" instead of one [N, 1] input per feature. */
  packed?: boolean;
  /** Declare a batch size of exactly 1 (old converters did). */
  batchOne?: boolean;
}

function valueInfo(name: string, width: number, batchOne = false): onnx.IValueInfoProto {
  const batch = batchOne ? { dimValue: 1 } : { dimParam: 'N' };
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [batch, { dimValue: width }] } } } };
}

function node(opType: string, input: string[], output: string[], attribute: onnx.IAttributeProto[] = []): onnx.INodeProto {
  return { opType, input, output, name: output[0] ?? opType, attribute };
}

function tensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dataType: FLOAT, dims, floatData: values };
}

function encode(graph: onnx.IGraphProto): Uint8Array {
  return onnx.ModelProto.encode({ irVersion: 8, producerName: 'attest-tests', opsetImport: [{ domain: '', version: 15 }], graph: { name: 'g', ...graph } }).finish();
}

/** Build the logistic model as ONNX bytes. */
export function buildLogisticModel(spec: LogisticSpec): Uint8Array {
  const k = spec.features.length;
  const output = spec.output ?? 'pd';
  const inputs = spec.packed ? [valueInfo('features', k, spec.batchOne)] : spec.features.map((f) => valueInfo(f, 1, spec.batchOne));
  const head = spec.packed ? [node('Identity', ['features'], ['x'])] : [node('Concat', [...spec.features], ['x'], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }])];
  return encode({
    input: inputs,
    output: [valueInfo(output, 1, spec.batchOne)],
    initializer: [
      tensor('mean', [k], spec.means),
      tensor('std', [k], spec.stds),
      tensor('coef', [k, 1], spec.coef),
      tensor('intercept', [1], [spec.intercept]),
    ],
    node: [
      ...head,
      node('Sub', ['x', 'mean'], ['centred']),
      node('Div', ['centred', 'std'], ['z']),
      node('MatMul', ['z', 'coef'], ['logit']),
      node('Add', ['logit', 'intercept'], ['logit_b']),
      node('Sigmoid', ['logit_b'], [output]),
    ],
  });
}

/**
 * A non-additive model over three per-feature inputs: σ(a·x0·x1 + b·x2 + c). The product makes x0 and x1
 * interact, so no exact additive split exists and reason codes must fall back to sampling Shapley.
 */
export function buildInteractionModel(features: [string, string, string], a: number, b: number, c: number): Uint8Array {
  const [f0, f1, f2] = features;
  return encode({
    input: features.map((f) => valueInfo(f, 1)),
    output: [valueInfo('score', 1)],
    initializer: [tensor('a', [1], [a]), tensor('b', [1], [b]), tensor('c', [1], [c])],
    node: [
      node('Mul', [f0, f1], ['prod']),
      node('Mul', ['prod', 'a'], ['t0']),
      node('Mul', [f2, 'b'], ['t1']),
      node('Add', ['t0', 't1'], ['s']),
      node('Add', ['s', 'c'], ['s_c']),
      node('Sigmoid', ['s_c'], ['score']),
    ],
  });
}

/**
 * A logistic model over one numeric and one categorical feature, the way a scorecard treats a category: each
 * category maps to its own effect on the log-odds (ai.onnx.ml LabelEncoder, string → float; unknown → 0).
 * σ(coef·x + effect[category] + intercept), inputs `x` (float [N, 1]) and `category` (string [N, 1]).
 */
export function buildCategoricalLogisticModel(coef: number, effects: Record<string, number>, intercept: number): Uint8Array {
  const categories = Object.keys(effects);
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'attest-tests',
    opsetImport: [{ domain: '', version: 15 }, { domain: 'ai.onnx.ml', version: 2 }],
    graph: {
      name: 'g',
      input: [valueInfo('x', 1), { name: 'category', type: { tensorType: { elemType: onnx.TensorProto.DataType.STRING, shape: { dim: [{ dimParam: 'N' }, { dimValue: 1 }] } } } }],
      output: [valueInfo('pd', 1)],
      initializer: [tensor('coef', [1], [coef]), tensor('intercept', [1], [intercept])],
      node: [
        {
          opType: 'LabelEncoder',
          domain: 'ai.onnx.ml',
          input: ['category'],
          output: ['effect'],
          name: 'effect',
          attribute: [
            { name: 'keys_strings', type: onnx.AttributeProto.AttributeType.STRINGS, strings: categories.map((c) => new TextEncoder().encode(c)) },
            { name: 'values_floats', type: onnx.AttributeProto.AttributeType.FLOATS, floats: categories.map((c) => effects[c] as number) },
            { name: 'default_float', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0 },
          ],
        },
        node('Mul', ['x', 'coef'], ['xc']),
        node('Add', ['xc', 'effect'], ['s']),
        node('Add', ['s', 'intercept'], ['logit']),
        node('Sigmoid', ['logit'], ['pd']),
      ],
    },
  }).finish();
}
