import { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { AttestError } from '../../../electron/main/core/errors';
import { parseMlmodel } from '../../../electron/main/sync/mlmodel';
import { readOnnxOpset } from '../../../electron/main/sync/onnx-opset';
import { opsetOf, decodeModel } from '../../../electron/main/replay/onnx-model';
import { buildLogisticModel } from '../../support/replay-models';

const bytes = (text: string) => new TextEncoder().encode(text);

// Laid out as MLflow writes MLmodel files with PyYAML's safe_dump (keys sorted, sequences not indented, long
// single-quoted signature strings folded at 80 columns), modelled on MLmodel files published in public repositories.
const ONNX_MLMODEL = `artifact_path: model
flavors:
  onnx:
    code: null
    data: model.onnx
    onnx_version: 1.16.1
    providers:
    - CUDAExecutionProvider
    - CPUExecutionProvider
  python_function:
    data: model.onnx
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.onnx
    python_version: 3.11.9
mlflow_version: 2.19.0
model_size_bytes: 2048
model_uuid: 5a9b6c1e2f3d4a5b8c7d6e5f4a3b2c1d
run_id: 0123456789abcdef0123456789abcdef
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  serving_input_path: serving_input_example.json
  type: dataframe
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1,
    1]}, "name": "income"}, {"type": "tensor", "tensor-spec": {"dtype": "float32",
    "shape": [-1, 1]}, "name": "debt ratio"}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]'
  params: null
utc_time_created: '2025-11-03 09:14:27.531422'
`;

// Four-space indentation, column-based signature with 'required', MLflow 3 ids, unquoted numeric-looking values.
const SKLEARN_MLMODEL = `artifact_path: file:///srv/mlruns/1/models/m-3e65914dd8c14c86a33696824b9c40f0/artifacts
flavors:
    python_function:
        loader_module: mlflow.sklearn
        model_path: model.pkl
        python_version: 3.10
    sklearn:
        pickled_model: model.pkl
        sklearn_version: 1.7.1
mlflow_version: 3.1
model_id: m-3e65914dd8c14c86a33696824b9c40f0
model_uuid: m-3e65914dd8c14c86a33696824b9c40f0
prompts: null
run_id: 10d9bd0789bd4a9aa4bbdb21cf9355b2
signature:
    inputs: '[{"type": "double", "name": "mean radius", "required": true}, {"type":
        "long", "name": "age", "required": false}, {"type": "array", "items": {"type":
        "string"}, "name": "codes"}]'
    outputs: null
utc_time_created: '2026-02-04 05:24:18.370062'
`;

describe('MLmodel files', () => {
  it('reads flavours, ids, versions, the input example and a tensor signature folded over lines', () => {
    const info = parseMlmodel(bytes(ONNX_MLMODEL), 'MLmodel');
    expect(info.summary).toEqual({
      flavors: ['onnx', 'python_function'],
      mlflowVersion: '2.19.0',
      modelUuid: '5a9b6c1e2f3d4a5b8c7d6e5f4a3b2c1d',
      runId: '0123456789abcdef0123456789abcdef',
      artifactPath: 'model',
      utcTimeCreated: '2025-11-03 09:14:27.531422',
      onnxVersion: '1.16.1',
      onnxData: 'model.onnx',
      inputExample: { artifactPath: 'input_example.json', type: 'dataframe', format: 'split' },
    });
    expect(info.signature).toEqual({
      inputs: [
        { name: 'income', type: 'float32', shape: [-1, 1] },
        { name: 'debt ratio', type: 'float32', shape: [-1, 1] },
      ],
      // MLflow names an unnamed entry by its position (Schema.input_names()).
      outputs: [{ name: '0', type: 'float32', shape: [-1] }],
    });
  });

  it('reads four-space indentation, column signatures, MLflow 3 model ids and a missing output schema', () => {
    const info = parseMlmodel(bytes(SKLEARN_MLMODEL), 'MLmodel');
    expect(info.summary).toMatchObject({ flavors: ['python_function', 'sklearn'], mlflowVersion: '3.1', modelId: 'm-3e65914dd8c14c86a33696824b9c40f0' });
    expect(info.signature).toEqual({
      inputs: [
        { name: 'mean radius', type: 'double' },
        { name: 'age', type: 'long' },
        { name: 'codes', type: 'array' },
      ],
      outputs: [],
    });
    expect(parseMlmodel(bytes('flavors:\n  onnx: {}\n'), 'MLmodel')).toEqual({ summary: { flavors: ['onnx'] }, signature: undefined });
  });

  it('refuses what it cannot read, naming the file, line or field', () => {
    const refused = (text: string | Uint8Array) => {
      try {
        parseMlmodel(typeof text === 'string' ? bytes(text) : text, 'runs/r1/model/MLmodel');
      } catch (error) {
        expect(error).toBeInstanceOf(AttestError);
        return (error as AttestError).message;
      }
      throw new Error('accepted');
    };
    expect(refused('flavors:\n  onnx: {\n')).toMatch(/^runs\/r1\/model\/MLmodel, line \d+: the MLmodel file is not valid YAML/);
    expect(refused('flavors: {}\nflavors: {}\n')).toMatch(/not valid YAML \(duplicated mapping key\)/);
    expect(refused('artifact_path: model\n')).toMatch(/MLmodel field flavors: /);
    expect(refused('- a\n- b\n')).toMatch(/MLmodel field \(root\)/);
    expect(refused("flavors: {}\nsignature:\n  inputs: '[{\"name\": \"x\"'\n")).toMatch(/signature\.inputs is not JSON/);
    expect(refused("flavors: {}\nsignature:\n  inputs: '[{\"name\": \"x\"}]'\n")).toMatch(/signature\.inputs\[0\.type\]/);
    expect(refused(new Uint8Array([0x66, 0xff, 0xfe]))).toMatch(/not UTF-8/);
    expect(refused(new Uint8Array(2 * 1024 * 1024))).toMatch(/more than the 1048576/);
    // Nine levels of aliases, each doubling: a few hundred bytes that would expand to 10^9 nodes.
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'flavors: {}'];
    expect(refused(bomb.join('\n'))).toMatch(/more than 50000 YAML nodes/);
    // CORE_SCHEMA: no custom tags, no dates turned into objects.
    expect(refused('flavors: !!js/function "x"\n')).toMatch(/not valid YAML/);
    expect(parseMlmodel(bytes('flavors: {}\nutc_time_created: 2025-11-03 09:14:27\n'), 'MLmodel').summary.utcTimeCreated).toBe('2025-11-03 09:14:27');
  });
});

describe('ONNX opset', () => {
  it('reads the default-domain opset without decoding the graph, as the full decoder sees it', () => {
    const model = buildLogisticModel({ features: ['a', 'b'], means: [0, 0], stds: [1, 1], coef: [1, 2], intercept: 0 });
    expect(readOnnxOpset(model)).toBe(opsetOf(decodeModel(model, 'model.onnx'), ''));
    const mixed = onnx.ModelProto.encode({ irVersion: 8, opsetImport: [{ domain: 'ai.onnx.ml', version: 3 }, { domain: 'ai.onnx', version: 17 }], graph: { name: 'g' } }).finish();
    expect(readOnnxOpset(mixed)).toBe(17);
  });

  it('gives null for bytes that are not a ModelProto or import no default opset', () => {
    expect(readOnnxOpset(bytes('onnx-bytes'))).toBeNull();
    expect(readOnnxOpset(new Uint8Array([0x42, 0xff]))).toBeNull();
    expect(readOnnxOpset(onnx.ModelProto.encode({ irVersion: 8, opsetImport: [{ domain: 'ai.onnx.ml', version: 3 }] }).finish())).toBeNull();
    expect(readOnnxOpset(new Uint8Array())).toBeNull();
  });
});
