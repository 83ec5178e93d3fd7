import type { SectionBuilder, SectionDef } from './builders';
import { daysBetween, fmt } from './builders';
import { approvalsBy, datasetsTable, fairnessTable, inputSpecTable, metricsTable, requireApproval } from './common';

/** Training runs linked to the version: id, user, times, code commit. */
export function runsTable(s: SectionBuilder, field: string): void {
  const run = s.src.run;
  const commit = run ? (run.tags['mlflow.source.git.commit'] ?? run.tags['git.commit'] ?? null) : null;
  s.table(field, 'Training run', ['Run', 'Name', 'User', 'Start', 'End', 'Code commit'],
    run ? [{ cells: [run.runId, run.runName, run.userId, run.startTime, run.endTime, commit], provenance: [run.provenance] }] : [],
    { kind: 'gap', explanation: 'no training run is linked to this version (training run)', owner: 'Model Developer' });
}

/** Hyperparameters of the training run. */
export function paramsTable(s: SectionBuilder, field: string): void {
  const run = s.src.run;
  s.table(field, 'Algorithm parameters', ['Parameter', 'Value'], (run?.params ?? []).map((p) => ({ cells: [p.key, p.value], provenance: run ? [run.provenance] : [] })),
    { kind: 'gap', explanation: 'the training run recorded no parameters', owner: 'Model Developer' });
}

/** The cut-off policy: the recorded decision rule. */
export function decisionRuleValue(s: SectionBuilder, field: string): void {
  const rule = s.src.version.decisionRule;
  s.value(field, 'Decision threshold (cut-off policy)', rule ? `${rule.output}[${rule.index}] ${rule.operator} ${rule.threshold} → ${rule.whenTrue}, else ${rule.whenFalse}` : null,
    [s.src.version.provenance], 'Model Owner');
}

/** Artifact integrity: the registry hash, the stored artifact, and replay-time re-verification. */
export function artifactIntegrity(s: SectionBuilder, field: string): void {
  const v = s.src.version;
  s.value(`${field}.sha256`, 'Artifact SHA-256 (registry)', v.artifactSha256, [v.provenance], 'Model Developer');
  if (v.artifactSha256 !== null && s.src.artifact === null) {
    s.gap(`${field}.stored`, 'Stored artifact', 'MISSING', 'the artifact named by the registry hash was not imported into the workspace', 'Model Developer');
  } else if (s.src.artifact) {
    s.value(`${field}.stored`, 'Stored artifact (content-addressed, verified on import)', `${s.src.artifact.sizeBytes} bytes`, [s.src.artifact.provenance], 'Model Developer');
  }
  const mismatched = s.src.replays.filter((r) => r.artifactSha256 !== null && v.artifactSha256 !== null && r.artifactSha256 !== v.artifactSha256);
  for (const r of mismatched.slice(0, 5)) {
    s.gap(`${field}.replay.${r.id}`, 'Artifact hash at load', 'INTEGRITY_FAIL', `replay ${r.id} loaded ${r.artifactSha256 ?? ''} instead of ${v.artifactSha256 ?? ''}`, 'Model Developer');
  }
}

const OVERSIGHT = ['understand', 'detect_anomalies', 'automation_bias', 'interpret', 'override', 'stop'] as const;

/** Pack A, A.2: detailed description of the elements and the development process (Annex IV point 2). */
export const PACK_A_DEVELOPMENT: SectionDef[] = [
  {
    id: 'A.2(a)',
    title: 'Development methods and steps, third-party tools',
    anchor: 'Annex IV 2(a)',
    build(s) {
      runsTable(s, 'runs');
      s.officer('development_pipeline');
      s.officer('third_party_components', { missing: { reason: 'MISSING', explanation: 'third-party list empty: must be justified not applicable' } });
    },
  },
  {
    id: 'A.2(b)',
    title: 'Design specifications, logic, key choices and trade-offs',
    anchor: 'Annex IV 2(b)',
    build(s) {
      paramsTable(s, 'params');
      decisionRuleValue(s, 'threshold');
      if (s.officer('design_rationale') !== null && approvalsBy(s.src, 'owner').length === 0) {
        s.gap('design_rationale.approval', 'Design rationale approval', 'UNSIGNED', 'the design rationale is not approved by the Model Owner', 'Model Owner');
      }
    },
  },
  {
    id: 'A.2(c)',
    title: 'System architecture and compute resources',
    anchor: 'Annex IV 2(c)',
    build(s) {
      s.table('lineage', 'Lineage graph (edges)', ['From', 'To', 'Type'], s.src.lineage.map((e) => ({ cells: [e.from, e.to, e.type], provenance: [e.provenance] })),
        { kind: 'gap', explanation: 'no lineage recorded for this model (lineage incomplete)', owner: 'Model Developer' });
      const run = s.src.run;
      const minutes = run?.startTime && run.endTime ? fmt((Date.parse(run.endTime) - Date.parse(run.startTime)) / 60_000, 3) : null;
      s.value('compute.duration', 'Training duration (minutes)', minutes, [run?.provenance ?? null], 'Model Developer');
      const hardware = run ? (Object.entries(run.tags).find(([k]) => /hardware|instance|gpu|cpu|compute/i.test(k)) ?? null) : null;
      s.value('compute.hardware', 'Training hardware', hardware ? `${hardware[0]} = ${hardware[1]}` : null, [run?.provenance ?? null], 'Model Developer');
    },
  },
  {
    id: 'A.2(d)',
    title: 'Data requirements and datasheets',
    anchor: 'Annex IV 2(d), Art. 10',
    build(s) {
      datasetsTable(s, 'datasets');
      inputSpecTable(s, 'schema');
      for (const l of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) s.officer(`art10.${l}`);
      s.officer('art10.relevance');
      s.officer('art10.special_category');
    },
  },
  {
    id: 'A.2(e)',
    title: 'Human oversight measures',
    anchor: 'Art. 14, Art. 13(3)(d)',
    build(s) {
      for (const k of OVERSIGHT) s.officer(`oversight.${k}`);
      const withCodes = s.src.replays.find((r) => r.reasonCodes !== null);
      if (withCodes) s.note('reason_codes', 'Reason codes are produced for replayed decisions (see Pack C for one decision).', [withCodes.provenance]);
      const overrides = (s.src.monitoring ?? []).filter((p) => /override/i.test(p.metric));
      s.table('override_stats', 'Override statistics', ['Metric', 'Segment', 'Value', 'Window end'],
        overrides.map((p) => ({ cells: [p.metric, p.segment ?? '(all)', fmt(p.value), p.windowEnd ?? p.computedAt], provenance: [p.provenance] })),
        { kind: 'gap', explanation: 'no override statistics are recorded by monitoring', owner: 'Compliance' });
    },
  },
  {
    id: 'A.2(f)',
    title: 'Pre-determined changes',
    anchor: 'Annex IV 2(f)',
    build(s) {
      const retrained = s.src.versions.length > 1;
      s.officer('change_policy', retrained ? { missing: { reason: 'MISSING', explanation: `the model was retrained (${s.src.versions.length} versions) but no change policy exists` } } : {});
    },
  },
  {
    id: 'A.2(g)',
    title: 'Validation and testing procedures',
    anchor: 'Annex IV 2(g)',
    build(s) {
      s.officer('test_plan');
      datasetsTable(s, 'test_data');
      metricsTable(s, 'metrics', 'Model Developer');
      fairnessTable(s, 'fairness');
      s.officer('doc.test_report');
      requireApproval(s, 'test_report.signoff', 'validator', 'Test report', 'Validator');
    },
  },
  {
    id: 'A.2(h)',
    title: 'Cybersecurity measures',
    anchor: 'Art. 15',
    build(s) {
      s.officer('cybersecurity');
      artifactIntegrity(s, 'integrity');
      s.officer('doc.access_control');
    },
  },
];

/** Age in days of a date against the as-of instant (negative = in the future). */
export function ageDays(date: string, asOf: string): number {
  return daysBetween(date.length === 10 ? `${date}T00:00:00.000Z` : date, asOf);
}
