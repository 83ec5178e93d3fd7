import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { replayCaseAt } from '../../../electron/main/replay/case-runner';
import { releaseSessions } from '../../../electron/main/replay/sessions';
import { CaseResult } from '../../../shared/schemas/replay';
import { ONNX_FIXTURES, captureIo, hasOnnxFixtures } from '../../support/replay-fixtures';

/** Why a case cannot be replayed on onnxruntime-node: the sentence a person must see. */
const SEQUENCE_OUTPUT = /output "y" is a seq\(tensor\(float32\)\); onnxruntime-node can only return tensors/;
const GEMM_OPSET_6 = /uses the Gemm operator at opset 6, and onnxruntime [\d.]+ has no kernel/;
const SHAPE_CONTRADICTS = /recorded input "input" has shape \[1, 2\] but the model declares \[1, 1\]/;

/** Expected outcome per case: exit code, how it runs, and (exit 3) the reason; ZipMap cases compare probabilities. */
const EXPECTED: Record<string, { exit: 0 | 1 | 3; mode?: 'batch' | 'per-row'; reason?: RegExp; zipmap?: string }> = {
  'onnx-backend/node/test_add_bcast': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_ai_onnx_ml_binarizer': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_ai_onnx_ml_label_encoder_string_int': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_ai_onnx_ml_tree_ensemble_single_tree': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_argmax_keepdims_example': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_cast_DOUBLE_to_FLOAT': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_gemm_default_vector_bias': { exit: 0, mode: 'batch' },
  // A sequence in and out: onnxruntime-node can neither feed nor fetch sequences.
  'onnx-backend/node/test_identity_sequence': { exit: 3, reason: SEQUENCE_OUTPUT },
  'onnx-backend/node/test_matmul_2d': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_optional_get_element_tensor': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_sigmoid': { exit: 0, mode: 'batch' },
  'onnx-backend/node/test_softmax_example': { exit: 0, mode: 'batch' },
  // PyTorch 0.3 exports at ai.onnx opset 6: onnxruntime dropped the Gemm-6 kernel.
  'onnx-backend/pytorch-converted/test_Linear': { exit: 3, reason: GEMM_OPSET_6 },
  'onnx-backend/pytorch-converted/test_Sigmoid': { exit: 0, mode: 'batch' },
  'onnx-backend/pytorch-converted/test_Softmax': { exit: 0, mode: 'batch' },
  'onnx-backend/pytorch-operator/test_operator_addmm': { exit: 3, reason: GEMM_OPSET_6 },
  'onnx-backend/simple/test_sequence_model1': { exit: 0, mode: 'batch' },
  'onnx-backend/simple/test_single_relu_model': { exit: 0, mode: 'batch' },
  // Needs the en_US.UTF-8 locale (generated on the build machines and in CI).
  'onnx-backend/simple/test_strnorm_model_monday_casesensintive_lower': { exit: 0, mode: 'batch' },
  'sklearn-built/credit_default_gbm': { exit: 0, mode: 'batch' },
  'sklearn-built/credit_default_logreg_plain': { exit: 0, mode: 'batch' },
  'sklearn-built/credit_default_logreg_zipmap': { exit: 0, mode: 'batch', zipmap: 'output_probability' },
  'sklearn-built/credit_grade_rf_zipmap': { exit: 0, mode: 'batch', zipmap: 'output_probability' },
  'sklearn-built/lgd_gbr': { exit: 0, mode: 'batch' },
  'sklearn-onnx-2018/SklearnBinGradientBoostingClassifier': { exit: 0, mode: 'per-row', zipmap: 'probabilities' },
  'sklearn-onnx-2018/SklearnBinMultinomialNB-OneOff': { exit: 0, mode: 'per-row', zipmap: 'probabilities' },
  // Recorded [1, 2] for a model declaring [1, 1]: one row of two features cannot be fed to a one-feature model.
  'sklearn-onnx-2018/SklearnBinarizer-SkipDim1': { exit: 3, reason: SHAPE_CONTRADICTS },
  'sklearn-onnx-2018/SklearnKNeighborsClassifierBinary': { exit: 0, mode: 'batch', zipmap: 'probabilities' },
  'sklearn-onnx-2018/SklearnLabelEncoder': { exit: 0, mode: 'per-row' },
  'sklearn-onnx-2018/SklearnLinearRegression-Dec4': { exit: 0, mode: 'per-row' },
  'sklearn-onnx-2018/SklearnLinearSVCBinary-NoProb': { exit: 0, mode: 'per-row' },
  'sklearn-onnx-2018/SklearnLogitisticRegressionBinary': { exit: 0, mode: 'per-row', zipmap: 'probabilities' },
  'sklearn-onnx-2018/SklearnMclDecisionTreeClassifier': { exit: 0, mode: 'per-row', zipmap: 'probabilities' },
  'sklearn-onnx-2018/SklearnMinMaxScaler': { exit: 0, mode: 'batch' },
  'sklearn-onnx-2018/SklearnRegRandomForestRegressor': { exit: 0, mode: 'per-row' },
  'sklearn-onnx-2018/SklearnRegSVRLinear-Dec3': { exit: 0, mode: 'per-row' },
  'sklearn-onnx-2018/SklearnStandardScalerFloat32': { exit: 0, mode: 'batch' },
};

const EXIT_BY_STATUS = { reproduced: 0, differs: 1, 'cannot-replay': 3 } as const;

function fixtureCases(): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const dir = join(ONNX_FIXTURES, rel);
    if (existsSync(join(dir, 'model.onnx'))) return void found.push(rel);
    for (const name of readdirSync(dir, { withFileTypes: true })) if (name.isDirectory()) walk(rel ? `${rel}/${name.name}` : name.name);
  };
  walk('');
  return found.sort();
}

/** Each case's path forms: the reference.json always, and the backend test folder (.pb files) where there is one. */
function pathsOf(caseName: string): string[] {
  const dir = join(ONNX_FIXTURES, caseName);
  return existsSync(join(dir, 'test_data_set_0')) ? [dir, join(dir, 'reference.json')] : [join(dir, 'reference.json')];
}

describe.skipIf(!hasOnnxFixtures())('attest replay-case over every fixture case', () => {
  afterAll(() => releaseSessions());

  it('has an expected outcome for every case on disk, and no stale entries', () => {
    expect(fixtureCases()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [caseName, expected] of Object.entries(EXPECTED)) {
    for (const path of pathsOf(caseName)) {
      const form = path.endsWith('.json') ? 'reference.json' : 'backend folder';
      it(`${caseName} (${form}) → exit ${expected.exit}`, async () => {
        const result = CaseResult.parse(await replayCaseAt(path));
        expect(EXIT_BY_STATUS[result.status]).toBe(expected.exit);
        if (result.status === 'cannot-replay') {
          expect(result.reason).toMatch(expected.reason as RegExp);
          expect(result.hint).toBeTruthy();
          return;
        }
        expect(result.mode).toBe(expected.mode);
        for (const output of result.outputs) {
          expect(output.verdict, `${output.name}: ${output.note ?? ''}`).not.toBe('differs');
          expect(output.count).toBeGreaterThan(0);
        }
        if (expected.zipmap) {
          const probs = result.outputs.find((o) => o.name === expected.zipmap);
          expect(probs?.compared).toBe('zipmap-probabilities');
        }
      });
    }
  }

  it('does at least as well as the bare onnxruntime-node harness on every case it matched', async () => {
    const bare = JSON.parse(readFileSync(join(ONNX_FIXTURES, 'ORT_NODE_RESULTS.json'), 'utf8')) as {
      results: { case: string; status: string; outputs?: Record<string, { max_abs_diff?: number }> }[];
    };
    for (const entry of bare.results.filter((r) => r.status === 'match')) {
      const result = await replayCaseAt(join(ONNX_FIXTURES, entry.case, 'reference.json'));
      expect(result.status, entry.case).toBe('reproduced');
      if (result.status !== 'reproduced') continue;
      for (const [key, stats] of Object.entries(entry.outputs ?? {})) {
        if (!key.startsWith('expected:') || stats.max_abs_diff === undefined) continue;
        const ours = result.outputs.find((o) => o.name === key.slice('expected:'.length));
        // Same runtime and inputs, but Attest runs one intra-op thread: tree ensembles then sum in another order,
        // so the difference may move by up to one float32 ulp at 1.0 (2^-23), never more.
        expect(ours?.maxAbsDiff ?? 0, `${entry.case} ${key}`).toBeLessThanOrEqual(stats.max_abs_diff + 2 ** -23);
      }
    }
  });
});

describe.skipIf(!hasOnnxFixtures())('attest replay-case on the command line', () => {
  const zipmapCase = join(ONNX_FIXTURES, 'sklearn-built', 'credit_default_logreg_zipmap', 'reference.json');

  it('prints per-output differences and exits 0 when reproduced', async () => {
    const cap = captureIo();
    expect(await runCli(['replay-case', zipmapCase], cap.io)).toBe(0);
    expect(cap.out()).toMatch(/output_probability\s+zipmap probabilities\s+\[200,2\]\s+\S+\s+\S+\s+0\/400\s+within-tolerance/);
    expect(cap.out()).toContain('Result: REPRODUCED');
  });

  it('exits 1 when a tolerance tighter than float32 rounding makes the probabilities differ', async () => {
    const cap = captureIo();
    expect(await runCli(['replay-case', zipmapCase, '--json', '--atol', '0', '--rtol', '0'], cap.io)).toBe(1);
    const result = CaseResult.parse(JSON.parse(cap.out()));
    expect(result.status).toBe('differs');
    if (result.status === 'differs') expect(result.tolerance).toEqual({ atol: 0, rtol: 0, source: 'request' });
  });

  it('exits 3 with a sentence, not a stack trace, for a model it cannot run', async () => {
    const cap = captureIo();
    const path = join(ONNX_FIXTURES, 'onnx-backend', 'pytorch-converted', 'test_Linear');
    expect(await runCli(['replay-case', path], cap.io)).toBe(3);
    expect(cap.out()).toMatch(GEMM_OPSET_6);
    expect(cap.out() + cap.err()).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a path that is not a case or a bad tolerance', async () => {
    const cap = captureIo();
    expect(await runCli(['replay-case', ONNX_FIXTURES], cap.io)).toBe(2);
    expect(cap.err()).toMatch(/neither a reference.json nor a folder/);
    expect(await runCli(['replay-case', zipmapCase, '--atol', 'loose'], captureIo().io)).toBe(2);
  });
});
