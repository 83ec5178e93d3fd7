import { z } from 'zod';
import { IsoTime, Sha256 } from './common';

/**
 * Snapshot bundle records: one JSON object per line in the bundle's JSON-lines members.
 * The format is documented in docs/bundle-format.md; these schemas are its normative definition.
 */

export const BUNDLE_FORMAT = 'attest-bundle/1';

const Tags = z.record(z.string(), z.string());

/** A registered model with its governance tags and current aliases (alias -> version). */
export const RegisteredModelRecord = z
  .object({
    name: z.string().min(1),
    createdAt: IsoTime,
    updatedAt: IsoTime.optional(),
    description: z.string().optional(),
    tags: Tags.default({}),
    aliases: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type RegisteredModelRecord = z.infer<typeof RegisteredModelRecord>;

/** One tensor declared by an MLflow model signature (MLmodel `signature`). */
export const SignatureSpec = z
  .object({
    name: z.string(),
    type: z.string(),
    shape: z.array(z.number().int()).optional(),
  })
  .strict();

export const ModelSignature = z
  .object({
    inputs: z.array(SignatureSpec),
    outputs: z.array(SignatureSpec),
  })
  .strict();
export type ModelSignature = z.infer<typeof ModelSignature>;

/** A reference to a file carried in the bundle under `artifacts/<sha256>`. */
export const ArtifactRef = z
  .object({
    sha256: Sha256,
    size: z.number().int().nonnegative(),
    mediaType: z.string(),
    fileName: z.string().optional(),
  })
  .strict();
export type ArtifactRef = z.infer<typeof ArtifactRef>;

/** One model version. `artifact` is the ONNX file; its hash is the registry's record of truth for replay. */
export const ModelVersionRecord = z
  .object({
    model: z.string().min(1),
    version: z.string().min(1),
    createdAt: IsoTime,
    updatedAt: IsoTime.optional(),
    stage: z.string().optional(),
    status: z.string().optional(),
    description: z.string().optional(),
    runId: z.string().optional(),
    source: z.string().optional(),
    tags: Tags.default({}),
    framework: z.string().optional(),
    onnxOpset: z.number().int().optional(),
    artifact: ArtifactRef.optional(),
    mlmodel: ArtifactRef.optional(),
    signature: ModelSignature.optional(),
  })
  .strict();
export type ModelVersionRecord = z.infer<typeof ModelVersionRecord>;

/** A metric value; NaN and infinities are written as strings as MLflow's JSON does. */
export const MetricValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

export const DatasetRecord = z
  .object({
    name: z.string().min(1),
    digest: z.string().min(1),
    sourceType: z.string().optional(),
    source: z.string().optional(),
    schema: z.unknown().optional(),
    profile: z.unknown().optional(),
  })
  .strict();
export type DatasetRecord = z.infer<typeof DatasetRecord>;

/** A tracking run with params, metric history, tags and dataset inputs. */
export const RunRecord = z
  .object({
    runId: z.string().min(1),
    experimentId: z.string().optional(),
    runName: z.string().optional(),
    userId: z.string().optional(),
    status: z.string().optional(),
    startTime: IsoTime.optional(),
    endTime: IsoTime.optional(),
    artifactUri: z.string().optional(),
    params: Tags.default({}),
    metrics: z
      .array(
        z
          .object({
            key: z.string(),
            value: MetricValue,
            timestamp: IsoTime,
            step: z.number().int().default(0),
          })
          .strict(),
      )
      .default([]),
    tags: Tags.default({}),
    datasetInputs: z.array(z.object({ dataset: DatasetRecord, tags: Tags.default({}) }).strict()).default([]),
  })
  .strict();
export type RunRecord = z.infer<typeof RunRecord>;

/** A feature value as logged: numbers, strings, booleans; null for a missing value. */
export const FeatureValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** One logged prediction of a model version: inputs by feature name, outputs by output name. */
export const DecisionRecord = z
  .object({
    decisionId: z.string().min(1),
    model: z.string().min(1),
    version: z.string().min(1),
    decidedAt: IsoTime,
    requestId: z.string().optional(),
    inputs: z.record(z.string(), FeatureValue),
    outputs: z.record(z.string(), z.unknown()),
    decision: z.string().optional(),
  })
  .strict();
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** A late-arriving outcome for a decision (e.g. default observed 12 months later). */
export const OutcomeRecord = z
  .object({
    decisionId: z.string().min(1),
    outcome: z.string(),
    observedAt: IsoTime,
  })
  .strict();
export type OutcomeRecord = z.infer<typeof OutcomeRecord>;

/** Which kinds of records a member holds; the member path is free but conventional (docs/bundle-format.md). */
export const MemberKind = z.enum([
  'registered-models',
  'model-versions',
  'runs',
  'openlineage-events',
  'decisions',
  'outcomes',
  'attestations',
  'artifact',
]);
export type MemberKind = z.infer<typeof MemberKind>;

export const ManifestMember = z
  .object({
    path: z.string().min(1),
    kind: MemberKind,
    sha256: Sha256,
    size: z.number().int().nonnegative(),
    records: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ManifestMember = z.infer<typeof ManifestMember>;

/** The signed manifest: the bundle's table of contents. */
export const BundleManifest = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    producer: z.object({ name: z.string(), version: z.string() }).strict(),
    createdAt: IsoTime,
    /** When the source state was captured; history is ordered by this. */
    observedAt: IsoTime,
    sources: z.object({ registry: z.string().optional(), lineage: z.string().optional() }).strict(),
    /** Per-source counter; a bundle older than one already imported from the same source is refused. */
    sequence: z.number().int().nonnegative(),
    /** 'full' = the complete registry at observedAt (absent entities are retired); 'incremental' adds only. */
    scope: z.enum(['full', 'incremental', 'attestations']),
    members: z.array(ManifestMember),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifest>;

/** Detached Ed25519 signature over the exact bytes of manifest.json. */
export const BundleSignature = z
  .object({
    algorithm: z.literal('ed25519'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().min(1),
  })
  .strict();
export type BundleSignature = z.infer<typeof BundleSignature>;
