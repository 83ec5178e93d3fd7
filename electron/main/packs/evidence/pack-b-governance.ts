import type { GapReason } from '../../../../shared/schemas/pack';
import type { SectionBuilder, SectionDef } from './builders';
import { factOf } from './builders';
import { approvalsBy, requireApproval, versionHistoryTable } from './common';
import { breaches } from './monitoring';
import { dateFact, overdueIfPast } from './pack-a-operation';

/** B.11: matured outcomes, or the recorded reason they are not mature yet. */
function outcomes(s: SectionBuilder): void {
  const { outcomes: counts, first } = s.src.decisions;
  s.table('outcomes', 'Matured outcomes of decisions', ['Outcome', 'Decisions'], counts.map((o) => ({ cells: [o.outcome, o.count], provenance: s.src.decisions.provenance })), { kind: 'note', text: 'No matured outcomes recorded.' });
  if (counts.length > 0) {
    s.gap('backtest', 'Back-testing by band and vintage', 'MISSING', 'no back-testing result (predicted vs realised default rate by band) is recorded', 'Validator');
    return;
  }
  const horizon = Number(factOf(s.src, 'outcomes.horizon_months'));
  if (Number.isFinite(horizon) && horizon > 0 && first !== null) {
    const earliest = new Date(Date.parse(first));
    earliest.setUTCMonth(earliest.getUTCMonth() + horizon);
    s.officer('outcomes.horizon_months');
    s.note('not_mature', `Outcomes not yet mature (horizon ${horizon} months; earliest date ${earliest.toISOString().slice(0, 10)}).`, s.src.decisions.provenance);
  } else {
    s.gap('backtest', 'Outcomes analysis', 'MISSING', 'no matured outcomes and no recorded outcome horizon', 'Validator');
  }
}

/** B.19: the figures this model adds to portfolio reporting, computed from the sections before it. */
function aggregate(s: SectionBuilder, previous: Parameters<SectionDef['build']>[1]): void {
  const gaps = previous.flatMap((sec) => sec.items.flatMap((i) => (i.kind === 'gap' ? [i.gap] : [])));
  const byReason = new Map<GapReason, number>();
  for (const g of gaps) byReason.set(g.reason, (byReason.get(g.reason) ?? 0) + 1);
  const rag = s.src.monitoring === null ? null : breaches(s.src).length > 0 ? 'RED (threshold breach)' : 'GREEN';
  const provenance = [s.src.model.provenance, s.src.version.provenance];
  s.value('tier', 'Risk tier', s.src.model.riskTier, [s.src.model.provenance], 'MRM');
  s.value('status', 'Registry stage', s.src.version.stage, [s.src.version.provenance], 'Model Owner');
  s.value('monitoring_rag', 'Monitoring RAG status', rag, (s.src.monitoring ?? []).slice(0, 1).map((p) => p.provenance), 'Model Owner');
  s.table('gaps', 'Gaps inherited from B.1–B.18 by reason', ['Reason', 'Count'], [...byReason.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => ({ cells: [r, n], provenance: provenance.filter((p) => p !== null) })),
    { kind: 'note', text: 'No gaps in B.1–B.18.' });
}

/** Pack B, B.11 to B.20. */
export const PACK_B_GOVERNANCE: SectionDef[] = [
  { id: 'B.11', title: 'Outcomes analysis', anchor: 'US outcomes analysis; UK 4.4; EBA 4.3.4', build: outcomes },
  {
    id: 'B.12',
    title: 'Post-model adjustments and overlays',
    anchor: 'UK 5.1',
    build(s) {
      const pma = s.officer('pma');
      if (pma && !pma.notApplicable && approvalsBy(s.src, 'owner').length === 0) s.gap('pma.approval', 'PMA approval', 'UNSIGNED', 'PMA without approver', 'MRM');
      if (pma && !pma.notApplicable) s.officer('pma.removal_date');
      overdueIfPast(s, 'pma.removal_date', 'Planned PMA removal', 'MRM');
    },
  },
  {
    id: 'B.13',
    title: 'Limitations, restrictions and exceptions',
    anchor: 'UK 5.2–5.3; CA',
    build(s) {
      s.officer('known_limitations');
      s.officer('restrictions');
      s.officer('exceptions');
      overdueIfPast(s, 'exception.expiry', 'Policy exception expiry', 'MRM');
    },
  },
  {
    id: 'B.14',
    title: 'Findings and remediation',
    anchor: 'US validation/governance; UK P4–P5; CA',
    build(s) {
      s.officer('findings');
      overdueIfPast(s, 'findings.next_due', 'Open finding', 'Validator');
    },
  },
  {
    id: 'B.15',
    title: 'Change history and revalidation triggers',
    anchor: 'US periodic review; UK 4.5; CA',
    build(s) {
      versionHistoryTable(s, 'history');
      s.officer('change_assessment');
      const due = s.src.model.nextValidationDue;
      s.value('next_revalidation', 'Next revalidation date (tier-based interval)', due, [s.src.model.provenance], 'Validator');
      if (due !== null && due < s.src.asOf) s.gap('next_revalidation.overdue', 'Revalidation', 'OVERDUE', `next revalidation was due ${due.slice(0, 10)}`, 'Validator');
    },
  },
  {
    id: 'B.16',
    title: 'Third-party and vendor components',
    anchor: 'US vendor products; UK P2; CA',
    build(s) {
      const components = s.officer('third_party_components');
      if (components && !components.notApplicable) s.officer('doc.vendor_evidence');
    },
  },
  {
    id: 'B.17',
    title: 'Governance and approvals',
    anchor: 'US governance; UK P2; CA',
    build(s) {
      s.value('owner', 'Model owner', s.src.model.owner, [s.src.model.provenance], 'MRM');
      s.officer('roles');
      s.table('approvals', 'Approval chain for this version', ['Role', 'Decision', 'Name', 'Date', 'Comment'],
        s.src.attestations.map((a) => ({ cells: [a.role, a.decision, a.actorName, a.createdAt, a.comment || '—'], provenance: [a.provenance] })),
        { kind: 'gap', reason: 'UNSIGNED', explanation: 'no approval recorded for this version', owner: 'MRM' });
      if (s.src.attestations.length > 0 && /prod|champion/i.test([s.src.version.stage, ...s.src.version.aliases].join(' '))) {
        if (approvalsBy(s.src, 'owner').length === 0) s.gap('production_approval', 'Production approval', 'UNSIGNED', 'in production without an owner approval', 'MRM');
      }
      s.officer('doc.mrm_policy');
    },
  },
  {
    id: 'B.18',
    title: 'Documentation sufficiency statement',
    anchor: 'US documentation; UK 3.5; CA',
    build(s) {
      s.officer('doc_sufficiency', { missing: { reason: 'UNSIGNED', explanation: 'no documentation sufficiency attestation' } });
      requireApproval(s, 'doc_sufficiency.signoff', 'validator', 'Documentation sufficiency', 'Validator');
      const docs = [...s.src.narratives.values()].filter((n) => n.doc !== null && !n.notApplicable);
      s.table('documents', 'Documents referenced', ['Document', 'Version', 'Date', 'SHA-256'], docs.map((n) => ({ cells: [n.doc?.title ?? '', n.doc?.docVersion ?? '', n.doc?.docDate ?? '', n.doc?.sha256 ?? null], provenance: [] })),
        { kind: 'note', text: 'No external documents registered.' });
    },
  },
  { id: 'B.19', title: 'Aggregate reporting extract', anchor: 'US aggregate reporting; UK P2', build: aggregate },
  {
    id: 'B.20',
    title: 'Decommissioning record',
    anchor: 'US inventory; UK 1.2; CA decommissioning',
    build(s) {
      const status = factOf(s.src, 'inventory.lifecycle_status');
      const retired = status === 'retired' || /archiv|retire/i.test(`${s.src.version.stage ?? ''} ${s.src.version.status ?? ''}`);
      if (retired) s.officer('decommissioning');
      else s.note('not_retired', `Not applicable — the model version is not retired as of ${s.src.asOf.slice(0, 10)} (registry stage ${s.src.version.stage ?? 'none'}).`, [s.src.version.provenance]);
      if (retired && dateFact(s, 'legacy.first_in_service_at') === null) s.note('service', 'First in-service date not recorded.');
    },
  },
];
