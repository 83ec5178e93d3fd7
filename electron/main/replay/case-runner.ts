import type { Tolerance } from '../../../shared/schemas/bundle';
import type { CaseResult, NamedValue, OutputComparison, ReplayValue, TensorValue, ToleranceUsed } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import { BACKEND_DEFAULT_TOLERANCE, type DataSet, type ReplayCase, loadCase } from './case-loader';
import { compareTensors, zipMapExpectedMatrix } from './compare';
import { type FeedPlan, planFeeds } from './feed-plan';
import { type DeclaredValue, decodeModel, feedableInputs, formatType, graphOutputs, initializedInputNames } from './onnx-model';
import { type InferenceSession, type Tensor, runtimeFingerprint, sessionFor } from './sessions';
import { concatRows, fromOrtTensor, rowOf, toOrtTensor } from './tensors';
import { type ZipMapExposure, exposeZipMapProbabilities } from './zipmap';

/** Replay a case from files (`attest replay-case`). Cannot-replay reasons come back as a result, never a throw. */
export async function replayCaseAt(path: string, override: Partial<Tolerance> = {}): Promise<CaseResult> {
  const replayCase = loadCase(path);
  try {
    return await runCase(replayCase, override);
  } catch (error) {
    if (error instanceof AttestError && error.code === 'unsupported') {
      return { status: 'cannot-replay', path: replayCase.path, reason: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    }
    throw error;
  }
}

/** Choose the tolerance: the request's, else the case's suggestion, else the onnx backend runner's default. */
export function caseTolerance(suggested: Tolerance | null, override: Partial<Tolerance>): ToleranceUsed {
  const base = suggested ?? BACKEND_DEFAULT_TOLERANCE;
  const hasOverride = override.atol !== undefined || override.rtol !== undefined;
  return {
    atol: override.atol ?? base.atol,
    rtol: override.rtol ?? base.rtol,
    source: hasOverride ? 'request' : suggested ? 'reference' : 'default',
  };
}

async function runCase(replayCase: ReplayCase, override: Partial<Tolerance>): Promise<CaseResult> {
  const model = decodeModel(replayCase.modelBytes, replayCase.modelFile);
  const inputs = feedableInputs(model);
  const optional = initializedInputNames(model);
  const outputs = graphOutputs(model);
  const exposed = exposeZipMapProbabilities(replayCase.modelBytes);
  const exposures = exposed?.exposures ?? [];
  assertTensorOutputs(outputs, exposures);
  const bytes = exposed?.bytes ?? replayCase.modelBytes;
  const session = await sessionFor(sha256Hex(bytes), bytes, `The model ${replayCase.modelFile}`);
  const tolerance = caseTolerance(replayCase.tolerance, override);
  const notes = exposures.map(
    (e) => `Output "${e.output}" is a ZipMap; its probabilities were read from the tensor "${e.tensor}" that feeds it and compared per class label.`,
  );
  const comparisons: OutputComparison[] = [];
  let mode: FeedPlan['mode'] = 'batch';
  for (const dataSet of replayCase.dataSets) {
    const plan = planFeeds(inputs, dataSet.inputs, optional);
    if (plan.mode === 'per-row') mode = 'per-row';
    notes.push(...plan.notes.filter((n) => !notes.includes(n)));
    const fetched = await runPlan(session, plan, fetchNames(outputs, exposures));
    const prefix = replayCase.dataSets.length > 1 ? `${dataSet.label}/` : '';
    comparisons.push(...compareOutputs(dataSet, fetched, exposures, tolerance).map((c) => ({ ...c, name: prefix + c.name })));
  }
  const status = comparisons.every((c) => c.verdict !== 'differs') ? 'reproduced' : 'differs';
  return { status, path: replayCase.path, mode, dataSets: replayCase.dataSets.length, outputs: comparisons, tolerance, runtime: runtimeFingerprint(), notes };
}

function assertTensorOutputs(outputs: DeclaredValue[], exposures: ZipMapExposure[]): void {
  for (const output of outputs) {
    if (output.type.kind === 'tensor' || exposures.some((e) => e.output === output.name)) continue;
    throw new AttestError(
      'unsupported',
      `The model output "${output.name}" is a ${formatType(output.type)}; onnxruntime-node can only return tensors and this output is not a ZipMap Attest can look beneath, so this model cannot be replayed here.`,
      'Replay it with a runtime that returns sequences (onnxruntime for Python), or change the model to output tensors.',
    );
  }
}

function fetchNames(outputs: DeclaredValue[], exposures: ZipMapExposure[]): string[] {
  return outputs.map((o) => exposures.find((e) => e.output === o.name)?.tensor ?? o.name);
}

/** Run a feed plan: in one call, or row by row with the rows stacked back together. */
export async function runPlan(session: InferenceSession, plan: FeedPlan, fetches: string[]): Promise<Map<string, TensorValue>> {
  if (plan.mode === 'batch') return runOnce(session, plan.inputs, fetches);
  const perRow: Map<string, TensorValue>[] = [];
  for (let row = 0; row < plan.rows; row++) {
    perRow.push(await runOnce(session, plan.inputs.map((i) => ({ ...i, value: rowOf(i.value, row) })), fetches));
  }
  return new Map(fetches.map((name) => [name, concatRows(perRow.map((r) => r.get(name) as TensorValue))]));
}

async function runOnce(session: InferenceSession, inputs: FeedPlan['inputs'], fetches: string[]): Promise<Map<string, TensorValue>> {
  const feeds: Record<string, Tensor> = {};
  for (const input of inputs) feeds[input.name] = toOrtTensor(input.value, input.dtype, `Input "${input.name}"`);
  let results: Record<string, Tensor>;
  try {
    results = await session.run(feeds, fetches);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new AttestError('unsupported', `onnxruntime could not run the model on the recorded inputs: ${message.trim()}`, 'Check that the recorded inputs match what the model declares.');
  }
  return new Map(fetches.map((name) => [name, fromOrtTensor(results[name] as Tensor)]));
}

function unwrap(value: ReplayValue): ReplayValue | null {
  return value.kind === 'optional' ? (value.value ? unwrap(value.value) : null) : value;
}

function compareOutputs(dataSet: DataSet, fetched: Map<string, TensorValue>, exposures: ZipMapExposure[], tol: Tolerance): OutputComparison[] {
  return dataSet.outputs.map((expectedNamed: NamedValue) => {
    const expected = unwrap(expectedNamed);
    const exposure = exposures.find((e) => e.output === expectedNamed.name);
    const actual = fetched.get(exposure?.tensor ?? expectedNamed.name);
    if (!actual) {
      throw new AttestError('bad-input', `The recording expects an output "${expectedNamed.name}" that the model does not declare.`, 'Check that the recording belongs to this model.');
    }
    if (expected === null) return missingExpected(expectedNamed.name, actual);
    if (!exposure) {
      if (expected.kind !== 'tensor') return missingExpected(expectedNamed.name, actual, `expected a ${expected.kind}, the model returns a tensor`);
      return compareTensors(expectedNamed.name, expected, actual, tol);
    }
    const matrix = zipMapExpectedMatrix(expected, exposure.classLabels);
    if (typeof matrix === 'string') return missingExpected(expectedNamed.name, actual, matrix);
    return compareTensors(expectedNamed.name, matrix, actual, tol, 'zipmap-probabilities');
  });
}

function missingExpected(name: string, actual: TensorValue, why = 'the expected value is empty'): OutputComparison {
  return {
    name,
    compared: 'tensor',
    expectedShape: [],
    actualShape: actual.shape,
    count: actual.data.length,
    maxAbsDiff: null,
    maxRelDiff: null,
    mismatches: actual.data.length,
    verdict: 'differs',
    note: `Cannot compare: ${why}.`,
  };
}
