import type { NamedValue, ReplayValue, TensorValue } from '../../../shared/schemas/replay';
import { AttestError } from '../core/errors';
import { type DeclaredDim, type DeclaredValue, formatType } from './onnx-model';

/** How recorded inputs will be fed: all at once, or one row at a time for models fixed to batch size 1. */
export interface FeedPlan {
  mode: 'batch' | 'per-row';
  rows: number;
  inputs: { name: string; dtype: string; value: TensorValue }[];
  notes: string[];
}

const cannot = (sentence: string, hint: string) => new AttestError('unsupported', sentence, hint);

/** Match recorded inputs to the graph's declared inputs and decide how to feed them. */
export function planFeeds(declared: DeclaredValue[], recorded: NamedValue[], optional: Set<string>): FeedPlan {
  const byName = new Map(recorded.map((v) => [v.name, v]));
  const extra = recorded.filter((v) => !declared.some((d) => d.name === v.name) && !optional.has(v.name));
  if (extra.length > 0) {
    throw new AttestError(
      'bad-input',
      `The recording has input(s) ${extra.map((v) => `"${v.name}"`).join(', ')} that the model does not declare (it declares ${declared.map((d) => `"${d.name}"`).join(', ')}).`,
      'Check that the recording belongs to this model.',
    );
  }
  const notes: string[] = [];
  const inputs: FeedPlan['inputs'] = [];
  const needsRows: number[] = [];
  for (const input of declared) {
    const value = unwrapOptional(byName.get(input.name) ?? null);
    if (value === null) {
      if (optional.has(input.name) || input.type.kind === 'optional') continue;
      throw new AttestError('bad-input', `The recording has no value for the model input "${input.name}" (${formatType(input.type)}).`, 'Record every input the model declares.');
    }
    const planned = planInput(input, value, notes);
    if (planned.perRow) needsRows.push(planned.value.shape[0] ?? 1);
    inputs.push({ name: input.name, dtype: planned.dtype, value: planned.value });
  }
  if (needsRows.length === 0) return { mode: 'batch', rows: inputs[0]?.value.shape[0] ?? 1, inputs, notes };
  return perRowPlan(inputs, needsRows, notes);
}

function unwrapOptional(value: ReplayValue | null): ReplayValue | null {
  if (value?.kind === 'optional') return unwrapOptional(value.value);
  return value;
}

function planInput(input: DeclaredValue, value: ReplayValue, notes: string[]): { dtype: string; value: TensorValue; perRow: boolean } {
  const type = input.type.kind === 'optional' ? input.type.element : input.type;
  if (!type || type.kind !== 'tensor') {
    throw cannot(
      `The model input "${input.name}" is a ${formatType(input.type)}; onnxruntime-node can only feed tensors, so this model cannot be replayed here.`,
      'Replay it with a runtime that accepts sequence and map inputs (onnxruntime for Python), or change the model to take tensors.',
    );
  }
  if (value.kind !== 'tensor') {
    throw cannot(`The recorded input "${input.name}" is a ${value.kind}, but the model declares ${formatType(type)}.`, 'Check that the recording belongs to this model.');
  }
  checkRecordedTensor(input.name, type.dtype, value);
  if (!type.shape) return { dtype: type.dtype, value, perRow: false };
  const fitted = fitRank(input.name, type.shape, value, notes);
  return { dtype: type.dtype, value: fitted, perRow: checkDims(input.name, type.shape, fitted.shape) };
}

const ELEMENT_TYPES = new Set(['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'string']);
const ALIASES: Record<string, string> = { double: 'float64', float: 'float32', boolean: 'bool' };

/**
 * A recording must say what it holds, and hold it: a known element type equal to the model's (a recording of
 * another export is refused, not converted), and exactly as many values as its shape says.
 */
function checkRecordedTensor(name: string, declared: string, value: TensorValue): void {
  const recorded = ALIASES[value.dtype] ?? value.dtype;
  if (!ELEMENT_TYPES.has(recorded)) {
    throw new AttestError('bad-input', `The recorded input "${name}" has element type "${value.dtype}", which is not an ONNX tensor type Attest knows.`, 'Check the recording: dtypes are float32, float64, int8…int64, uint8…uint64, bool or string.');
  }
  if (recorded !== (ALIASES[declared] ?? declared)) {
    throw new AttestError('bad-input', `The recorded input "${name}" is ${recorded}, but the model declares ${declared}.`, 'The recording belongs to another model or another export of it; replay it against the model it was recorded with.');
  }
  const expected = value.shape.reduce((n, d) => n * d, 1);
  if (expected !== value.data.length) {
    throw new AttestError('bad-input', `The recorded input "${name}" has shape [${value.shape.join(', ')}] (${expected} values) but holds ${value.data.length} values.`, 'The recording is damaged or was edited; it cannot be replayed as it is.');
  }
}

/** A 1-D recording of N values for a model wanting [N, 1] (or [1, 1] per row) is the same data as a column. */
function fitRank(name: string, declared: DeclaredDim[], value: TensorValue, notes: string[]): TensorValue {
  if (declared.length === value.shape.length) return value;
  if (declared.length === value.shape.length + 1 && declared[declared.length - 1] === 1) {
    notes.push(`Input "${name}" recorded with shape [${value.shape.join(', ')}] was fed as a column [${[...value.shape, 1].join(', ')}], the rank the model declares.`);
    return { ...value, shape: [...value.shape, 1] };
  }
  throw contradiction(name, declared, value.shape);
}

/** Returns true when the model fixes the batch dimension at 1 and the recording has more rows. */
function checkDims(name: string, declared: DeclaredDim[], shape: number[]): boolean {
  for (let axis = 1; axis < declared.length; axis++) {
    const want = declared[axis];
    if (want !== null && want !== undefined && want !== shape[axis]) throw contradiction(name, declared, shape, axis);
  }
  const batch = declared[0];
  if (batch === null || batch === undefined || batch === shape[0]) return false;
  if (batch === 1 && (shape[0] ?? 0) > 1) return true;
  throw contradiction(name, declared, shape, 0);
}

function contradiction(name: string, declared: DeclaredDim[], shape: number[], axis?: number): AttestError {
  const want = `[${declared.map((d) => d ?? '?').join(', ')}]`;
  const where = axis === undefined ? `a rank-${declared.length} tensor` : `size ${declared[axis]} on axis ${axis}`;
  return cannot(
    `The recorded input "${name}" has shape [${shape.join(', ')}] but the model declares ${want} (${where}), so the recording cannot be fed to this model as it is.`,
    'The recording and the model disagree: check that they belong together, or re-record the inputs with the shape the model declares.',
  );
}

function perRowPlan(inputs: FeedPlan['inputs'], needsRows: number[], notes: string[]): FeedPlan {
  const rows = needsRows[0] ?? 1;
  const uneven = inputs.find((i) => (i.value.shape[0] ?? 1) !== rows);
  if (uneven) {
    throw cannot(
      `The model fixes its batch size at 1, so Attest replays one row at a time, but input "${uneven.name}" has ${uneven.value.shape[0] ?? 1} rows where the others have ${rows}.`,
      'Record the same number of rows for every input.',
    );
  }
  notes.push(`The model declares a batch size of 1; the ${rows} recorded rows were replayed one at a time.`);
  return { mode: 'per-row', rows, inputs, notes };
}
