import type { DecisionRule, ModelSignature, Tolerance } from '../../../shared/schemas/bundle';
import { type Feature, type FeatureMapping, buildFeatureMapping, checkFeatures, encodeFeeds } from './feature-map';
import { type ModelOutput, type RecordedDecision, type RowOutcome, judgeDecision } from './decision-verdict';
import { decodeModel, feedableInputs, formatType, graphOutputs } from './onnx-model';
import { type InferenceSession, type Tensor, sessionFor } from './sessions';
import { exposeZipMapProbabilities } from './zipmap';
import { AttestError } from '../core/errors';

/** A model ready for decision replay: how features map in, which tensors come out. */
export interface PreparedModel {
  sha256: string;
  label: string;
  /** Model bytes as run (rewritten when ZipMap outputs were exposed) and their cache key. */
  bytes: Uint8Array;
  sessionKey: string;
  mapping: FeatureMapping;
  outputs: ModelOutput[];
  fetches: string[];
}

/** A decision to replay: its record plus its logged features. */
export interface ReplayInput extends RecordedDecision {
  inputs: Record<string, Feature>;
}

type Flat = (number | string)[];

/** Analyse a verified artifact once: feature mapping, outputs, ZipMap rewrite. Cheap to call again (cached). */
export function prepareModel(bytes: Uint8Array, sha256: string, signature: ModelSignature | null, label: string): PreparedModel {
  const model = decodeModel(bytes, label);
  const mapping = buildFeatureMapping(feedableInputs(model), signature, label);
  const exposed = exposeZipMapProbabilities(bytes);
  const outputs = graphOutputs(model).map((o): ModelOutput => {
    const zip = exposed?.exposures.find((e) => e.output === o.name);
    if (zip) return { name: o.name, fetch: zip.tensor, dtype: 'float32', classLabels: zip.classLabels };
    if (o.type.kind !== 'tensor') {
      throw new AttestError('unsupported', `${label}: output "${o.name}" is a ${formatType(o.type)}, which onnxruntime-node cannot return.`, 'Decision replay needs tensor (or ZipMap) outputs.');
    }
    return { name: o.name, fetch: o.name, dtype: o.type.dtype, classLabels: null };
  });
  return {
    sha256,
    label,
    bytes: exposed?.bytes ?? bytes,
    sessionKey: exposed ? `${sha256}+zipmap-exposed` : sha256,
    mapping,
    outputs,
    fetches: outputs.map((o) => o.fetch),
  };
}

const prepared = new Map<string, PreparedModel>();
const MAX_PREPARED = 16;

/** prepareModel, cached per artifact hash and signature: warm replays skip decoding the graph. */
export function preparedFor(bytes: Uint8Array, sha256: string, signature: ModelSignature | null, label: string): PreparedModel {
  const key = `${sha256}|${JSON.stringify(signature)}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const fresh = prepareModel(bytes, sha256, signature, label);
  prepared.set(key, fresh);
  if (prepared.size > MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  return fresh;
}

/** The session of a prepared model (created once per artifact hash, then reused). */
export function sessionOf(model: PreparedModel): Promise<InferenceSession> {
  return sessionFor(model.sessionKey, model.bytes, label(model));
}

function label(model: PreparedModel): string {
  return `${model.label} (artifact ${model.sha256.slice(0, 12)})`;
}

/** Run the model on rows of features; returns each row's outputs by output name. */
export async function runRows(model: PreparedModel, session: InferenceSession, rows: Record<string, Feature>[]): Promise<Map<string, Flat>[]> {
  if (!model.mapping.fixedBatchOne || rows.length <= 1) return runBatch(model, session, rows);
  const out: Map<string, Flat>[] = [];
  for (const row of rows) out.push(...(await runBatch(model, session, [row])));
  return out;
}

async function runBatch(model: PreparedModel, session: InferenceSession, rows: Record<string, Feature>[]): Promise<Map<string, Flat>[]> {
  let results: Record<string, Tensor>;
  try {
    results = await session.run(encodeFeeds(model.mapping, rows), model.fetches);
  } catch (error) {
    const message = ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();
    throw new AttestError('unsupported', `onnxruntime could not run ${label(model)} on the logged features: ${message}`, 'Check that the decisions were logged by this model version.');
  }
  const perRow = rows.map(() => new Map<string, Flat>());
  for (const output of model.outputs) {
    const tensor = results[output.fetch] as Tensor;
    const data = tensor.data as ArrayLike<number | bigint | string>;
    const width = data.length / rows.length;
    for (let r = 0; r < rows.length; r++) {
      const slice: Flat = [];
      for (let k = r * width; k < (r + 1) * width; k++) {
        const v = data[k] as number | bigint | string;
        slice.push(typeof v === 'string' ? v : Number(v));
      }
      (perRow[r] as Map<string, Flat>).set(output.name, slice);
    }
  }
  return perRow;
}

/** Replay decisions through a prepared model and judge each one. */
export async function replayDecisions(model: PreparedModel, decisions: ReplayInput[], rule: DecisionRule | null, tol: Tolerance): Promise<RowOutcome[]> {
  for (const d of decisions) checkFeatures(model.mapping, d.inputs, d.uid);
  const session = await sessionOf(model);
  const replayed = await runRows(model, session, decisions.map((d) => d.inputs));
  return decisions.map((d, i) => judgeDecision(d, model.outputs, replayed[i] as Map<string, Flat>, rule, tol));
}
