import type { OfficerRole, Provenance } from '../../../../shared/schemas/pack';
import type { SectionBuilder, SectionDef } from './builders';
import { fmt } from './builders';
import { approvalsBy, datasetsTable, fairnessTable, inputSpecTable, metricsTable, segmentTable } from './common';
import { breaches, monitoringSummary, performanceChart, psiCharts, scoreDistributionChart } from './monitoring';
import { ageDays, artifactIntegrity, decisionRuleValue, paramsTable } from './pack-a-development';

/** Tier review interval when the policy gives none: SR 11-7's annual cycle, kept as a configurable default. */
const TIER_REVIEW_DAYS = 365;

function inventoryRow(s: SectionBuilder, field: string, label: string, value: string | null, provenance: Provenance | null, owner: OfficerRole): void {
  s.value(`inventory.${field}`, label, value, [provenance], owner);
}

/** B.1 inventory entry: each field of spec §5 the console holds, a gap for each it does not. */
function inventory(s: SectionBuilder): void {
  const m = s.src.model;
  const v = s.src.version;
  inventoryRow(s, 'id', 'Model ID / version ID', `${m.name} / ${v.version}`, v.provenance, 'MRM');
  inventoryRow(s, 'description', 'Short description', m.description, m.provenance, 'Model Owner');
  s.officer('inventory.lifecycle_status');
  inventoryRow(s, 'purpose', 'Purpose and products (use case)', m.useCase, m.provenance, 'Model Owner');
  inventoryRow(s, 'owner', 'Model owner', m.owner, m.provenance, 'Model Owner');
  inventoryRow(s, 'risk_tier', 'Risk tier', m.riskTier, m.provenance, 'MRM');
  inventoryRow(s, 'last_updated', 'Date last updated', v.createdAt, v.provenance, 'Model Owner');
  inventoryRow(s, 'last_validated', 'Last validation date', m.lastValidatedAt, m.provenance, 'Validator');
  inventoryRow(s, 'next_validation', 'Next scheduled validation', m.nextValidationDue, m.provenance, 'Validator');
  inventoryRow(s, 'stage', 'Registry stage / aliases', [v.stage, ...v.aliases].filter(Boolean).join(', ') || null, v.provenance, 'Model Owner');
  inventoryRow(s, 'artifact', 'Artifact fingerprint (SHA-256)', v.artifactSha256, v.provenance, 'Model Developer');
  inventoryRow(s, 'method', 'Model type / methodology class', v.framework, v.provenance, 'Model Developer');
  const last = (s.src.monitoring ?? []).map((p) => p.computedAt).sort().at(-1) ?? null;
  inventoryRow(s, 'monitoring', 'Last monitoring date', last, (s.src.monitoring ?? []).find((p) => p.computedAt === last)?.provenance ?? null, 'Model Owner');
  s.table('inventory.links', 'Upstream and downstream links', ['From', 'To', 'Type'], s.src.lineage.map((e) => ({ cells: [e.from, e.to, e.type], provenance: [e.provenance] })),
    { kind: 'gap', explanation: 'no upstream or downstream links recorded', owner: 'MRM' });
}

/** Pack B, B.1 to B.10. */
export const PACK_B_DEVELOPMENT: SectionDef[] = [
  { id: 'B.1', title: 'Model identification and inventory record', anchor: 'US inventory; UK P1; CA inventory', build: inventory },
  {
    id: 'B.2',
    title: 'Model definition check and tier',
    anchor: 'UK 1.1, 1.3; US SR 26-2 materiality; CA risk rating',
    build(s) {
      s.officer('model_definition');
      s.value('tier', 'Risk tier', s.src.model.riskTier, [s.src.model.provenance], 'MRM');
      s.officer('tier_inputs');
      const review = s.officer('tier.review_date');
      if (review && ageDays(review.text.trim(), s.src.asOf) > TIER_REVIEW_DAYS) {
        s.gap('tier.review_date.overdue', 'Tier review', 'OVERDUE', `last tier review ${review.text.trim()} is older than ${TIER_REVIEW_DAYS} days`, 'MRM');
      }
    },
  },
  {
    id: 'B.3',
    title: 'Purpose, design, theory and logic',
    anchor: 'US development; UK 3.1; CA design; EBA 4.3.4',
    build(s) {
      s.officer('intended_purpose');
      for (const k of ['methodology', 'assumptions', 'alternatives']) s.officer(k);
      paramsTable(s, 'params');
    },
  },
  {
    id: 'B.4',
    title: 'Data',
    anchor: 'US development; UK 3.2; CA data; EBA 4.3.3–4.3.4',
    build(s) {
      datasetsTable(s, 'datasets');
      inputSpecTable(s, 'schema');
      s.officer('data_quality');
      fairnessTable(s, 'input_bias');
    },
  },
  {
    id: 'B.5',
    title: 'Development testing',
    anchor: 'US development testing; UK 3.3; CA development',
    build(s) {
      metricsTable(s, 'metrics', 'Model Developer');
      segmentTable(s, 'segments');
      fairnessTable(s, 'fairness');
      s.officer('acceptance_criteria');
    },
  },
  {
    id: 'B.6',
    title: 'Model adjustments and expert judgement in development',
    anchor: 'UK 3.4',
    build(s) {
      const adj = s.officer('development_adjustments');
      if (adj && !adj.notApplicable && approvalsBy(s.src, 'owner').length === 0) {
        s.gap('development_adjustments.approval', 'Adjustment approval', 'UNSIGNED', 'adjustments exist without approval', 'Model Owner');
      }
    },
  },
  {
    id: 'B.7',
    title: 'Implementation and process verification',
    anchor: 'US implementation; UK 3.6, 4.3; EBA traceability',
    build(s) {
      artifactIntegrity(s, 'artifact');
      s.value('opset', 'ONNX opset', s.src.version.onnxOpset, [s.src.version.provenance], 'Model Developer');
      const byVerdict = new Map<string, typeof s.src.replays>();
      for (const r of s.src.replays) byVerdict.set(r.verdict, [...(byVerdict.get(r.verdict) ?? []), r]);
      s.table('parity', 'Replay parity (recorded vs re-run with ONNX Runtime)', ['Verdict', 'Replays', 'Max abs diff', 'Latest'],
        [...byVerdict.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([verdict, list]) => ({
          cells: [verdict, list.length, fmt(Math.max(...list.map((r) => r.maxAbsDiff ?? 0)), 3), list[0]?.startedAt ?? null],
          provenance: list.slice(0, 20).map((r) => r.provenance),
        })),
        { kind: 'gap', explanation: 'no parity test: no replay has been run for this version', owner: 'Model Developer' });
    },
  },
  {
    id: 'B.8',
    title: 'Model use',
    anchor: 'US use; UK 5.2; EBA 4.3.4',
    build(s) {
      s.officer('usage');
      s.officer('restrictions', { missing: { reason: 'MISSING', explanation: 'restrictions list empty: needs a justified not applicable' } });
      decisionRuleValue(s, 'threshold');
      const overrides = (s.src.monitoring ?? []).filter((p) => /override/i.test(p.metric));
      s.table('overrides', 'Override statistics', ['Metric', 'Value', 'Window end'], overrides.map((p) => ({ cells: [p.metric, fmt(p.value), p.windowEnd ?? p.computedAt], provenance: [p.provenance] })),
        { kind: 'gap', explanation: 'no override statistics recorded', owner: 'Model Owner' });
    },
  },
  {
    id: 'B.9',
    title: 'Independent validation report',
    anchor: 'US validation; UK P4; CA review',
    build(s) {
      const validations = approvalsBy(s.src, 'validator');
      if (validations.length === 0) s.gap('validation', 'Independent validation', 'MISSING', 'no validation sign-off recorded', 'Validator');
      else s.table('validation', 'Validation sign-offs', ['Opinion', 'Validator', 'Date', 'Conditions'], validations.map((a) => ({ cells: [a.decision, a.actorName, a.createdAt, a.comment || '—'], provenance: [a.provenance] })), { kind: 'note', text: '' });
      const developer = s.src.run?.userId ?? null;
      if (developer !== null && validations.some((a) => a.actorName === developer)) {
        s.gap('independence', 'Validator independence', 'MISSING', 'independence not demonstrated: the validator is the developer', 'Validator');
      }
      s.officer('validator_independence');
      s.officer('doc.validation_report');
      const production = s.src.stageHistory.find((e) => e.version === s.src.version.version && /prod|champion/i.test(e.stage ?? ''));
      const firstValidation = validations[0]?.createdAt ?? null;
      if (production && (firstValidation === null || firstValidation > production.validFrom)) {
        s.note('used_before_validation', `Used before validation: in production from ${production.validFrom}; see B.13 for an approved exception.`, [production.provenance], 'warning');
      }
    },
  },
  {
    id: 'B.10',
    title: 'Ongoing monitoring',
    anchor: 'US ongoing monitoring; UK 4.4; CA monitoring; EBA 4.3.3',
    build(s) {
      s.officer('pmm_plan', { missing: { reason: 'MISSING', explanation: 'no monitoring plan' } });
      monitoringSummary(s, 'results');
      scoreDistributionChart(s, 'score_distribution');
      psiCharts(s, 'drift', false);
      performanceChart(s, 'performance');
      const breached = breaches(s.src);
      s.officer('escalations', breached.length > 0 ? { missing: { reason: 'MISSING', explanation: `${breached.length} threshold breaches without an escalation record (breach not escalated)` } } : {});
    },
  },
];
