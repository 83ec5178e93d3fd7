import type { DatasetProfile, DecisionRule, Tolerance } from '../../../shared/schemas/bundle';
import type { NarrativeRecord, Provenance } from '../../../shared/schemas/pack';

/**
 * The workspace as one pack sees it: everything read in one transaction as of one instant, typed and
 * already parsed, so evidence assembly is pure code over plain data.
 */

/** A monitoring metric point (PSI, CSI, approval/override rate, AUC ...) for a window. */
export interface MonitoringPoint {
  metric: string;
  /** null = whole population / the score; otherwise a feature or a segment name. */
  segment: string | null;
  value: number;
  threshold: number | null;
  windowStart: string | null;
  windowEnd: string | null;
  computedAt: string;
  status: 'ok' | 'warn' | 'breach' | null;
  provenance: Provenance;
}

/** A fairness metric for one group of a protected or proxy attribute. */
export interface FairnessPoint {
  metric: string;
  attribute: string;
  group: string;
  referenceGroup: string | null;
  value: number;
  threshold: number | null;
  computedAt: string;
  provenance: Provenance;
}

/**
 * Monitoring data owned by the governance side. `null` means the source has nothing for this version
 * (not computed, or the module is absent), which the packs print as a gap, never as zeros.
 */
export interface MonitoringSource {
  monitoring(modelVersionId: number, asOf: string): MonitoringPoint[] | null;
  fairness(modelVersionId: number, asOf: string): FairnessPoint[] | null;
}

export interface SourceModel {
  id: number;
  name: string;
  createdAt: string;
  description: string | null;
  owner: string | null;
  useCase: string | null;
  riskTier: string | null;
  lastValidatedAt: string | null;
  nextValidationDue: string | null;
  provenance: Provenance | null;
}

export interface SourceVersion {
  id: number;
  version: string;
  createdAt: string;
  sourceRunId: string | null;
  artifactUri: string | null;
  artifactSha256: string | null;
  framework: string | null;
  onnxOpset: number | null;
  signatureInputs: string[];
  stage: string | null;
  status: string | null;
  tags: Record<string, string>;
  aliases: string[];
  decisionRule: DecisionRule | null;
  tolerance: Tolerance | null;
  provenance: Provenance;
}

export interface StageEvent {
  version: string;
  stage: string | null;
  status: string | null;
  validFrom: string;
  validTo: string | null;
  provenance: Provenance;
}

export interface SourceRun {
  runId: string;
  runName: string | null;
  userId: string | null;
  status: string | null;
  startTime: string | null;
  endTime: string | null;
  params: { key: string; value: string }[];
  metrics: { key: string; value: number | null; timestamp: string; step: number; provenance: Provenance }[];
  tags: Record<string, string>;
  provenance: Provenance;
}

export interface SourceDataset {
  id: number;
  name: string;
  digest: string;
  context: string;
  sourceType: string | null;
  source: string | null;
  schemaFields: string[];
  profile: DatasetProfile | null;
  provenance: Provenance;
}

export interface SourceEdge {
  from: string;
  to: string;
  type: string;
  provenance: Provenance;
}

export interface SourceDecision {
  id: number;
  uid: string;
  decidedAt: string;
  requestId: string | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  decision: string | null;
  attributes: Record<string, unknown>;
  inputsJson: string;
  provenance: Provenance;
}

export interface SourceReplay {
  id: number;
  decisionId: number | null;
  startedAt: string;
  actor: string;
  verdict: string;
  maxAbsDiff: number | null;
  maxRelDiff: number | null;
  tolerance: unknown;
  runtime: Record<string, unknown>;
  recordedOutputs: unknown;
  replayedOutputs: unknown;
  recordedDecision: string | null;
  replayedDecision: string | null;
  reasonCodes: unknown;
  artifactSha256: string | null;
  provenance: Provenance;
}

export interface SourceAttestation {
  role: string;
  decision: string;
  actorName: string;
  comment: string;
  createdAt: string;
  packId: string | null;
  provenance: Provenance;
}

export interface DecisionStats {
  count: number;
  first: string | null;
  last: string | null;
  scores: number[];
  outcomes: { outcome: string; count: number }[];
  provenance: Provenance[];
}

/** Everything one pack reads, as of one instant. */
export interface PackSource {
  asOf: string;
  snapshot: { id: number; sha256: string; observedAt: string; verification: string } | null;
  model: SourceModel;
  version: SourceVersion;
  versions: { version: string; createdAt: string; provenance: Provenance }[];
  stageHistory: StageEvent[];
  run: SourceRun | null;
  datasets: SourceDataset[];
  lineage: SourceEdge[];
  artifact: { sha256: string; sizeBytes: number; provenance: Provenance } | null;
  decisions: DecisionStats;
  decision: SourceDecision | null;
  /** The decision's stage/aliases at its own timestamp (Pack C §C.2). */
  decisionTimeStage: { stage: string | null; aliases: string[] } | null;
  replays: SourceReplay[];
  attestations: SourceAttestation[];
  narratives: Map<string, NarrativeRecord>;
  monitoring: MonitoringPoint[] | null;
  fairness: FairnessPoint[] | null;
}
