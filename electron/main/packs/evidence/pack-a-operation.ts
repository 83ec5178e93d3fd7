import type { OfficerRole } from '../../../../shared/schemas/pack';
import type { SectionBuilder, SectionDef } from './builders';
import { factOf } from './builders';
import { fairnessTable, inputSpecTable, latestRunMetrics, metricDefinition, requireApproval, segmentTable, versionHistoryTable } from './common';
import { monitoringSummary, performanceChart, psiCharts, scoreDistributionChart } from './monitoring';

/** An officer date fact as an ISO instant, or null when absent or unreadable. */
export function dateFact(s: SectionBuilder, key: string): string | null {
  const text = factOf(s.src, key);
  if (text === null) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** OVERDUE gap when a dated obligation (officer fact) lies before the as-of date. */
export function overdueIfPast(s: SectionBuilder, key: string, what: string, owner: OfficerRole): void {
  const due = dateFact(s, key);
  if (due !== null && due < s.src.asOf) s.gap(`${key}.overdue`, what, 'OVERDUE', `${what} was due ${due.slice(0, 10)}, before ${s.src.asOf.slice(0, 10)}`, owner);
}

/** Pack A, A.3 to A.9 (Annex IV points 3 to 9). */
export const PACK_A_OPERATION: SectionDef[] = [
  {
    id: 'A.3',
    title: 'Monitoring, functioning and control',
    anchor: 'Annex IV 3, Art. 14',
    build(s) {
      segmentTable(s, 'segments');
      fairnessTable(s, 'fairness');
      s.officer('known_limitations', { missing: { reason: 'MISSING', explanation: 'limitations register is empty' } });
      s.officer('unintended_outcomes');
      s.note('oversight', 'Human oversight summary: see A.2(e).');
      inputSpecTable(s, 'inputs');
    },
  },
  {
    id: 'A.4',
    title: 'Appropriateness of the performance metrics',
    anchor: 'Annex IV 4',
    build(s) {
      const metrics = latestRunMetrics(s.src);
      s.table('metric_catalogue', 'Metric catalogue', ['Metric', 'Definition'],
        metrics.map((m) => ({ cells: [m.key, metricDefinition(m.key) ?? 'not in the metric catalogue'], provenance: [m.provenance] })),
        { kind: 'gap', explanation: 'no metrics recorded to define', owner: 'Model Developer' });
      s.officer('metric_rationale');
    },
  },
  {
    id: 'A.5',
    title: 'Risk management system',
    anchor: 'Art. 9',
    build(s) {
      s.officer('risk_register', { missing: { reason: 'MISSING', explanation: 'risk register is empty' } });
      s.officer('risk.next_review');
      overdueIfPast(s, 'risk.next_review', 'Risk-register review', 'Risk');
    },
  },
  {
    id: 'A.6',
    title: 'Changes over the lifecycle',
    anchor: 'Annex IV 6',
    build(s) {
      versionHistoryTable(s, 'changes');
      s.officer('change_assessment', { missing: { reason: 'MISSING', explanation: 'changes have no substantial-modification assessment' } });
      const promoted = s.src.stageHistory.some((e) => /prod|champion/i.test(e.stage ?? ''));
      if (promoted) requireApproval(s, 'change_approval', 'owner', 'Promotion to production', 'Model Owner');
    },
  },
  {
    id: 'A.7',
    title: 'Harmonised standards applied',
    anchor: 'Annex IV 7, Art. 40',
    build(s) {
      s.gap('harmonised_standards', 'Harmonised standards', 'PENDING_OFFICIAL_TEMPLATE', 'no harmonised standard published — describe the solutions adopted', 'Compliance');
      s.officer('standards_applied');
    },
  },
  {
    id: 'A.8',
    title: 'EU declaration of conformity',
    anchor: 'Art. 47, Annex V, Annex VI',
    build(s) {
      s.officer('ai_system.name');
      s.officer('provider.identity');
      for (let i = 3; i <= 8; i++) s.officer(`eu_doc.${i}`);
      const signed = s.officer('doc.eu_declaration');
      const lastChange = s.src.versions.at(-1)?.createdAt ?? null;
      if (signed?.doc && lastChange !== null && signed.doc.docDate < lastChange.slice(0, 10)) {
        s.gap('doc.eu_declaration.stale', 'EU declaration date', 'STALE', `signed ${signed.doc.docDate}, before the last change ${lastChange.slice(0, 10)}`, 'Compliance');
      }
      for (let i = 1; i <= 3; i++) s.officer(`internal_control.${i}`);
      requireApproval(s, 'internal_control.signoff', 'compliance', 'Annex VI internal control', 'Compliance');
    },
  },
  {
    id: 'A.9',
    title: 'Post-market monitoring system and plan',
    anchor: 'Art. 72',
    build(s) {
      s.officer('pmm_plan', { missing: { reason: 'MISSING', explanation: 'no post-market monitoring plan' } });
      s.gap('pmm_template', 'Commission PMM template', 'PENDING_OFFICIAL_TEMPLATE', 'Art. 72(3) template adoption not confirmed; plan printed in the console format', 'Compliance');
      s.officer('pmm.frequency_days');
      monitoringSummary(s, 'results');
      scoreDistributionChart(s, 'score_distribution');
      psiCharts(s, 'drift', true);
      performanceChart(s, 'performance');
    },
  },
];
