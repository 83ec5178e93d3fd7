import { CORE_SCHEMA, YAMLException, load } from 'js-yaml';
import { z } from 'zod';
import { ModelSignature, type SignatureSpec } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';

/** MLmodel files are a few kilobytes; anything this large is not one. */
export const MAX_MLMODEL_BYTES = 1024 * 1024;
/** Bound on YAML nodes walked, so anchors and aliases cannot multiply a small file into a huge tree. */
const MAX_NODES = 50_000;

/** What Attest keeps of an MLflow MLmodel file (stored as model_version.mlmodel_json). */
export const MlmodelSummary = z
  .object({
    flavors: z.array(z.string()),
    mlflowVersion: z.string().optional(),
    modelUuid: z.string().optional(),
    modelId: z.string().optional(),
    runId: z.string().optional(),
    artifactPath: z.string().optional(),
    utcTimeCreated: z.string().optional(),
    onnxVersion: z.string().optional(),
    onnxData: z.string().optional(),
    inputExample: z.object({ artifactPath: z.string(), type: z.string().optional(), format: z.string().optional() }).strict().optional(),
  })
  .strict();
export type MlmodelSummary = z.infer<typeof MlmodelSummary>;

/** A parsed MLmodel: its summary and, when it declares one, the signature in the bundle's shape. */
export interface MlmodelInfo {
  summary: MlmodelSummary;
  signature: ModelSignature | undefined;
}

// PyYAML quotes strings that would read as numbers, but hand-written MLmodels often do not ("onnx_version: 1.16").
const Text = z.union([z.string(), z.number()]).transform(String);
const Flavor = z.looseObject({ onnx_version: Text.optional(), data: Text.optional() }).nullable();
const MlmodelDoc = z.looseObject({
  artifact_path: Text.nullish(),
  flavors: z.record(z.string(), Flavor),
  mlflow_version: Text.nullish(),
  model_uuid: Text.nullish(),
  model_id: Text.nullish(),
  run_id: Text.nullish(),
  utc_time_created: Text.nullish(),
  signature: z.looseObject({ inputs: z.string().nullish(), outputs: z.string().nullish() }).nullish(),
  saved_input_example_info: z
    .looseObject({ artifact_path: Text, type: Text.optional(), format: Text.optional(), pandas_orient: Text.optional() })
    .nullish(),
});

/** One entry of an MLflow schema: a column (`type` a data type) or a tensor (`type: tensor` with `tensor-spec`). */
const SchemaEntry = z.looseObject({
  name: z.string().optional(),
  type: z.string(),
  'tensor-spec': z.looseObject({ dtype: z.string(), shape: z.array(z.number().int()).optional() }).optional(),
});

/**
 * Parse an MLmodel file (YAML written by MLflow with PyYAML's safe_dump): flavours, versions, ids, the input
 * example's description and the signature, whose `inputs`/`outputs` are JSON held in YAML strings. Refuses what is
 * not an MLmodel with an AttestError naming `where` and the field.
 */
export function parseMlmodel(bytes: Uint8Array, where: string): MlmodelInfo {
  if (bytes.length > MAX_MLMODEL_BYTES) {
    throw new AttestError('bad-input', `${where}: the MLmodel file is ${bytes.length} bytes, more than the ${MAX_MLMODEL_BYTES} an MLmodel can plausibly hold.`, 'Check that the file named MLmodel is the one MLflow wrote.');
  }
  const doc = parseDoc(readYaml(bytes, where), where);
  const onnx = doc.flavors.onnx ?? undefined;
  const example = doc.saved_input_example_info ?? undefined;
  const summary: MlmodelSummary = {
    flavors: Object.keys(doc.flavors).sort(),
    ...optional('mlflowVersion', doc.mlflow_version),
    ...optional('modelUuid', doc.model_uuid),
    ...optional('modelId', doc.model_id),
    ...optional('runId', doc.run_id),
    ...optional('artifactPath', doc.artifact_path),
    ...optional('utcTimeCreated', doc.utc_time_created),
    ...optional('onnxVersion', onnx?.onnx_version),
    ...optional('onnxData', onnx?.data),
    ...(example ? { inputExample: { artifactPath: example.artifact_path, ...optional('type', example.type), ...optional('format', example.format ?? example.pandas_orient) } } : {}),
  };
  const sig = doc.signature ?? undefined;
  const signature = sig && (sig.inputs || sig.outputs) ? { inputs: readSchema(sig.inputs, `${where}: signature.inputs`), outputs: readSchema(sig.outputs, `${where}: signature.outputs`) } : undefined;
  return { summary, signature: signature ? ModelSignature.parse(signature) : undefined };
}

function optional<K extends string>(key: K, value: string | null | undefined): { [P in K]?: string } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function readYaml(bytes: Uint8Array, where: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AttestError('bad-input', `${where}: the MLmodel file is not UTF-8 text.`, 'Check that the file named MLmodel is the one MLflow wrote.');
  }
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark ? `, line ${error.mark.line + 1}` : '';
    throw new AttestError('bad-input', `${where}${line}: the MLmodel file is not valid YAML (${error.reason}).`, 'Check that the file named MLmodel is the one MLflow wrote and is not truncated.');
  }
}

function parseDoc(value: unknown, where: string): z.infer<typeof MlmodelDoc> {
  assertSmall(value, where);
  const parsed = MlmodelDoc.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AttestError('bad-input', `${where}: MLmodel field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`, 'An MLmodel file is a YAML mapping with at least `flavors`; check that this is the file MLflow wrote.');
}

function assertSmall(value: unknown, where: string): void {
  let budget = MAX_NODES;
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (--budget < 0) throw new AttestError('bad-input', `${where}: the MLmodel file expands to more than ${MAX_NODES} YAML nodes.`, 'MLflow never writes such files; check where this one came from.');
    if (next !== null && typeof next === 'object') stack.push(...Object.values(next as Record<string, unknown>));
  }
}

/**
 * An MLflow schema (JSON in a YAML string) as signature specs. A tensor gives its dtype and shape; a column its
 * data type. Unnamed entries are named by position, as MLflow's Schema.input_names() does.
 */
function readSchema(json: string | null | undefined, where: string): z.infer<typeof SignatureSpec>[] {
  if (json === null || json === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AttestError('bad-input', `${where} is not JSON (${JSON.stringify(json.slice(0, 40))}…).`, 'MLflow writes the signature as a JSON list inside a YAML string; check the file.');
  }
  const parsed = z.array(SchemaEntry).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestError('bad-input', `${where}[${issue?.path.join('.') ?? ''}]: ${issue?.message ?? 'invalid'}.`, 'Each signature entry needs a `type` (and a `tensor-spec` for tensors).');
  }
  return parsed.data.map((entry, i) => {
    const tensor = entry['tensor-spec'];
    const name = entry.name ?? String(i);
    if (entry.type === 'tensor' && tensor) return { name, type: tensor.dtype, ...(tensor.shape ? { shape: tensor.shape } : {}) };
    return { name, type: entry.type };
  });
}
