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
    /** MLflow 3: the logged model (`m-…`) the version was registered from. */
    loggedModelId: z.string().min(1).optional(),
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

/** One point of a logged model's metric; MLflow 3 may name the dataset it was computed on. */
export const LoggedModelMetric = z
  .object({
    key: z.string(),
    value: MetricValue,
    timestamp: IsoTime,
    step: z.number().int().default(0),
    datasetName: z.string().optional(),
    datasetDigest: z.string().optional(),
  })
  .strict();

/**
 * An MLflow 3 logged model (`m-…`): what a model version can be registered from. Its artifacts live under
 * `artifactUri`, not under the run that logged it (`sourceRunId`).
 */
export const LoggedModelRecord = z
  .object({
    modelId: z.string().min(1),
    name: z.string(),
    experimentId: z.string().optional(),
    sourceRunId: z.string().optional(),
    artifactUri: z.string().optional(),
    modelType: z.string().optional(),
    status: z.string().optional(),
    statusMessage: z.string().optional(),
    createdAt: IsoTime,
    updatedAt: IsoTime.optional(),
    tags: Tags.default({}),
    params: Tags.default({}),
    metrics: z.array(LoggedModelMetric).default([]),
  })
  .strict();
export type LoggedModelRecord = z.infer<typeof LoggedModelRecord>;

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
    /** Recorded beside the decision but not model inputs: protected or proxy attributes for fairness. */
    attributes: z.record(z.string(), FeatureValue).default({}),
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

/** A sign-off carried in a bundle (from another workstation's return bundle). */
export const AttestationRecord = z
  .object({
    attestationUid: z.string().min(1),
    scope: z.enum(['model_version', 'pack']),
    modelName: z.string().optional(),
    modelVersion: z.string().optional(),
    packId: z.string().optional(),
    role: z.enum(['owner', 'validator', 'compliance', 'auditor']),
    decision: z.enum(['approve', 'reject', 'approve-with-conditions']),
    comment: z.string().default(''),
    actor: z.string().min(1),
    actorName: z.string().min(1),
    createdAt: IsoTime,
  })
  .strict();
export type AttestationRecord = z.infer<typeof AttestationRecord>;

/** Which kinds of records a member holds; the member path is free but conventional (docs/bundle-format.md). */
export const MemberKind = z.enum([
  'registered-models',
  'model-versions',
  'logged-models',
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

/**
 * Registry tags Attest reads governance fields from (first key present wins). MLflow has no such fields,
 * so banks keep them as tags; docs/bundle-format.md lists them for registry administrators.
 */
export const GOVERNANCE_TAGS = {
  owner: ['attest.owner', 'owner'],
  useCase: ['attest.use_case', 'use_case'],
  riskTier: ['attest.risk_tier', 'risk_tier'],
  lastValidatedAt: ['attest.last_validated', 'validation.last_date'],
  nextValidationDue: ['attest.next_validation_due', 'validation.next_due'],
} as const;

/** Model-version tag holding the JSON DecisionRule; and the one holding the replay Tolerance. */
export const DECISION_RULE_TAG = 'attest.decision_rule';
export const TOLERANCE_TAG = 'attest.tolerance';

/**
 * How a model's output becomes a business decision: compare one output element with a threshold.
 * `index` picks an element of a vector output (e.g. 1 = P(class 1) of [N, 2] probabilities).
 */
export const DecisionRule = z
  .object({
    output: z.string(),
    index: z.number().int().nonnegative().default(0),
    operator: z.enum(['>', '>=', '<', '<=']),
    threshold: z.number(),
    whenTrue: z.string(),
    whenFalse: z.string(),
  })
  .strict();
export type DecisionRule = z.infer<typeof DecisionRule>;

/** Replay tolerance: |replayed − recorded| ≤ atol + rtol·|recorded| (numpy's isclose). */
export const Tolerance = z.object({ atol: z.number().nonnegative(), rtol: z.number().nonnegative() }).strict();
export type Tolerance = z.infer<typeof Tolerance>;

/**
 * Training-data profile carried in a dataset's `profile` (MLflow dataset profile JSON). The reference for
 * drift (PSI/CSI bins) and the baseline for reason codes (means).
 */
export const NumericFeatureProfile = z
  .object({
    kind: z.literal('numeric'),
    mean: z.number(),
    std: z.number().nonnegative(),
    min: z.number(),
    max: z.number(),
    missing: z.number().int().nonnegative().default(0),
    /** Inner bin edges (ascending); bin i is (edges[i-1], edges[i]], first and last open-ended. */
    binEdges: z.array(z.number()),
    /** Row counts per bin: binEdges.length + 1 entries. */
    binCounts: z.array(z.number().int().nonnegative()),
  })
  .strict();

export const CategoricalFeatureProfile = z
  .object({
    kind: z.literal('categorical'),
    counts: z.record(z.string(), z.number().int().nonnegative()),
    missing: z.number().int().nonnegative().default(0),
  })
  .strict();

export const DatasetProfile = z
  .object({
    format: z.literal('attest-profile/1'),
    rowCount: z.number().int().nonnegative(),
    features: z.record(z.string(), z.discriminatedUnion('kind', [NumericFeatureProfile, CategoricalFeatureProfile])),
    /** Profile of the model score on this data, same binning, when the producer recorded it. */
    score: NumericFeatureProfile.optional(),
  })
  .strict();
export type DatasetProfile = z.infer<typeof DatasetProfile>;
