import type { OfficerRole, Provenance } from '../../../../shared/schemas/pack';
import type { PackSource, SourceAttestation } from '../source-types';
import { type SectionBuilder, fmt } from './builders';

/** Metric definitions printed beside values (spec §0.3: "Gini = 2·AUC − 1"). */
const METRIC_CATALOGUE: [RegExp, string][] = [
  [/gini/i, 'Gini = 2·AUC − 1; ranking power, higher is better'],
  [/auc|roc/i, 'Area under the ROC curve; ranking power, higher is better'],
  [/(^|_)ks($|_)|kolmogorov/i, 'KS = max |TPR − FPR| over cut-offs; separation, higher is better'],
  [/brier/i, 'Brier score = mean (p − y)²; calibration and accuracy, lower is better'],
  [/log_?loss|cross_?entropy/i, 'Log loss = −mean [y·ln p + (1 − y)·ln(1 − p)]; lower is better'],
  [/psi|csi/i, 'PSI = Σ (aᵢ − eᵢ)·ln(aᵢ/eᵢ); < 0.10 stable, 0.10–0.25 moderate, > 0.25 significant (convention)'],
  [/accuracy/i, 'Share of correct decisions at the cut-off'],
  [/precision/i, 'TP / (TP + FP) at the cut-off'],
  [/recall|tpr/i, 'TP / (TP + FN) at the cut-off'],
  [/calibration.*slope/i, 'Slope of observed on predicted log-odds; 1 is perfect'],
  [/calibration.*intercept/i, 'Intercept of observed on predicted log-odds; 0 is perfect'],
  [/approval|decline/i, 'Share of applications approved (or declined) in the window'],
  [/override/i, 'Share of decisions where a person overrode the recommendation'],
];

/** The catalogue definition of a metric, when it is a known one. */
export function metricDefinition(key: string): string | undefined {
  return METRIC_CATALOGUE.find(([re]) => re.test(key))?.[1];
}

/** Latest value per metric key of the training/evaluation run. */
export function latestRunMetrics(src: PackSource): { key: string; value: number | null; timestamp: string; provenance: Provenance }[] {
  const byKey = new Map<string, PackSource['run'] extends null ? never : NonNullable<PackSource['run']>['metrics'][number]>();
  for (const m of src.run?.metrics ?? []) byKey.set(m.key, m);
  return [...byKey.values()];
}

/** Table of the run's metrics with definitions; no run → gap. */
export function metricsTable(s: SectionBuilder, field: string, owner: OfficerRole): void {
  const metrics = latestRunMetrics(s.src);
  s.table(field, 'Performance metrics of the evaluation run', ['Metric', 'Value', 'Recorded', 'Definition'],
    metrics.map((m) => ({ cells: [m.key, fmt(m.value, 6), m.timestamp, metricDefinition(m.key) ?? '—'], provenance: [m.provenance] })),
    { kind: 'gap', explanation: s.src.run ? 'the evaluation run logged no metrics' : 'no evaluation run is linked to this version', owner });
}

/** One datasheet row per dataset of the run. */
export function datasetsTable(s: SectionBuilder, field: string): void {
  s.table(field, 'Datasets (datasheets)', ['Dataset', 'Role', 'Digest', 'Rows', 'Features', 'Source'],
    s.src.datasets.map((d) => ({
      cells: [d.name, d.context || '—', d.digest, d.profile?.rowCount ?? null, d.schemaFields.length || Object.keys(d.profile?.features ?? {}).length, d.source ?? d.sourceType],
      provenance: [d.provenance],
    })),
    { kind: 'gap', explanation: 'no dataset is linked to the training run', owner: 'Data Steward' });
  for (const d of s.src.datasets) {
    if (d.digest.trim().length < 8 || /\s/.test(d.digest)) s.gap(`${field}.${d.name}`, `Digest of ${d.name}`, 'MISSING', `dataset ${d.name} has no usable digest ("${d.digest}")`, 'Data Steward');
  }
}

/** Input specification from the training data profile: fields, kinds, ranges, missing counts. */
export function inputSpecTable(s: SectionBuilder, field: string): void {
  const train = s.src.datasets.find((d) => d.profile !== null && /train/i.test(d.context)) ?? s.src.datasets.find((d) => d.profile !== null);
  const features = train?.profile ? Object.entries(train.profile.features).sort(([a], [b]) => (a < b ? -1 : 1)) : [];
  s.table(field, 'Input data specification', ['Feature', 'Type', 'Range / categories', 'Mean', 'Missing'],
    features.map(([name, f]) => ({
      cells: f.kind === 'numeric'
        ? [name, 'numeric', `${fmt(f.min)} … ${fmt(f.max)}`, fmt(f.mean), f.missing]
        : [name, 'categorical', Object.keys(f.counts).sort().join(', '), null, f.missing],
      provenance: train ? [train.provenance] : [],
    })),
    { kind: 'gap', explanation: 'no dataset profile (schema, ranges) is recorded for the training data', owner: 'Data Steward' });
}

/** Versions of the model and their stage history up to the as-of date. */
export function versionHistoryTable(s: SectionBuilder, field: string): void {
  s.table(field, 'Version and stage history', ['Version', 'Stage', 'Status', 'From', 'To'],
    s.src.stageHistory.map((e) => ({ cells: [e.version, e.stage, e.status, e.validFrom, e.validTo], provenance: [e.provenance] })),
    { kind: 'gap', explanation: 'no registry stage history recorded', owner: 'Model Owner' });
}

/** Sign-offs on this version by role ('owner', 'validator', 'compliance', 'auditor'). */
export function approvalsBy(src: PackSource, role: string): SourceAttestation[] {
  return src.attestations.filter((a) => a.role === role && a.packId === null && a.decision !== 'reject');
}

/** Print the approvals of `role`, or an UNSIGNED gap. */
export function requireApproval(s: SectionBuilder, field: string, role: string, what: string, owner: OfficerRole): void {
  const found = approvalsBy(s.src, role);
  if (found.length === 0) {
    s.gap(field, `${what} approval`, 'UNSIGNED', `${what} has no ${role} sign-off recorded`, owner);
    return;
  }
  s.table(field, `${what}: sign-offs`, ['Role', 'Decision', 'Name', 'Date', 'Comment'],
    found.map((a) => ({ cells: [a.role, a.decision, a.actorName, a.createdAt, a.comment || '—'], provenance: [a.provenance] })),
    { kind: 'note', text: '' });
}

/** Fairness results table, or the gap the spec asks for. */
export function fairnessTable(s: SectionBuilder, field: string): void {
  const points = s.src.fairness ?? [];
  s.table(field, 'Fairness and discrimination analysis', ['Metric', 'Attribute', 'Group', 'Reference', 'Value', 'Threshold', 'Computed'],
    points.map((p) => ({ cells: [p.metric, p.attribute, p.group, p.referenceGroup, fmt(p.value), fmt(p.threshold), p.computedAt], provenance: [p.provenance] })),
    { kind: 'gap', explanation: s.src.fairness === null ? 'fairness metrics have not been computed for this version' : 'no fairness results in period', owner: 'Model Developer' });
}

/** Segment-level performance from monitoring (metrics with a segment that is not a feature). */
export function segmentTable(s: SectionBuilder, field: string): void {
  const features = new Set(s.src.datasets.flatMap((d) => Object.keys(d.profile?.features ?? {})));
  const points = (s.src.monitoring ?? []).filter((p) => p.segment !== null && !features.has(p.segment) && !/psi|csi/i.test(p.metric));
  s.table(field, 'Performance per segment', ['Segment', 'Metric', 'Value', 'Threshold', 'Window end', 'Status'],
    points.map((p) => ({ cells: [p.segment, p.metric, fmt(p.value), fmt(p.threshold), p.windowEnd ?? p.computedAt, p.status], provenance: [p.provenance] })),
    { kind: 'gap', explanation: 'no segment-level performance results are recorded', owner: 'Model Developer' });
}

/** Runtime and library versions the run recorded in its tags. */
export function runtimeTags(src: PackSource): [string, string][] {
  return Object.entries(src.run?.tags ?? {}).filter(([k]) => /version|python|onnx|sklearn|lightgbm|xgboost|torch|env|lock|git\.commit|docker|image/i.test(k));
}
