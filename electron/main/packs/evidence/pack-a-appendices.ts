import type { SectionBuilder, SectionDef } from './builders';
import { factOf, narrativeProvenance } from './builders';
import { dateFact } from './pack-a-operation';

/** Columns of the decision-log record (spec §4.3) and whether this workspace's log holds each. */
const LOG_FIELDS: [string, string][] = [
  ['decision_id', 'decision.decision_uid'], ['ts_utc', 'decision.decided_at'], ['model_version_id', 'decision.model_version_id'],
  ['input_payload', 'decision.inputs_json'], ['output_raw', 'decision.outputs_json'], ['final_decision', 'decision.decision'],
  ['request reference', 'decision.request_id'], ['protected/proxy attributes', 'decision.attributes_json'],
  ['artifact_sha256', 'not logged per decision (inferred from the version)'], ['reason_codes', 'not logged per decision (replay computes them)'],
  ['final_decider_role, override_flag, override_reason', 'not logged (officer entry per decision)'], ['retention_until', 'not logged (policy below)'],
];

/** Log retention: the officer's setting checked against the 6-month statutory floor (Art. 19, 26(6)). */
export function retentionCheck(s: SectionBuilder, field: string): number | null {
  s.officer('logs.retention_months');
  const months = Number(factOf(s.src, 'logs.retention_months'));
  if (factOf(s.src, 'logs.retention_months') !== null && (!Number.isFinite(months) || months < 6)) {
    s.gap(field, 'Log retention', 'MISSING', 'retention below statutory minimum (6 months)', 'IT Ops');
    return null;
  }
  return Number.isFinite(months) ? months : null;
}

function isDeployer(s: SectionBuilder): boolean | null {
  const role = factOf(s.src, 'ai_system.role');
  return role === null ? null : /deployer/.test(role);
}

function deployerOnly(s: SectionBuilder, build: () => void): void {
  const deployer = isDeployer(s);
  if (deployer === null) {
    s.gap('role', "Bank's role", 'MISSING', "the bank's role (provider/deployer) is not recorded, so deployer duties cannot be assessed", 'Compliance');
    build();
  } else if (deployer) {
    build();
  } else {
    const role = s.src.narratives.get('ai_system.role');
    s.note('role', `Not applicable — the bank's recorded role is provider only (entered by ${role?.authorName ?? ''}, ${role?.role ?? ''}, ${role?.at.slice(0, 10) ?? ''})`, role ? [narrativeProvenance(role)] : []);
  }
}

/** Pack A appendices X1–X5 (the evidence index X6 is added by assembly). */
export const PACK_A_APPENDICES: SectionDef[] = [
  {
    id: 'A.X1',
    title: 'Record-keeping capability',
    anchor: 'Art. 12',
    build(s) {
      s.table('log_schema', 'Decision-log schema held by the console', ['Field (spec §4.3)', 'Console column'],
        LOG_FIELDS.map(([f, c]) => ({ cells: [f, c], provenance: [] })), { kind: 'note', text: '' });
      s.officer('logs.retention_policy');
      retentionCheck(s, 'retention');
    },
  },
  {
    id: 'A.X2',
    title: 'Quality management system',
    anchor: 'Art. 17',
    build(s) {
      const isBank = factOf(s.src, 'ai_system.is_regulated_financial_institution') === 'yes';
      s.note('scope', isBank
        ? 'Regulated financial institution (Art. 17(4)): only (g) risk management, (h) post-market monitoring and (i) incident reporting are evidenced here; the rest is covered by the internal-governance framework.'
        : 'All 13 QMS elements (a)–(m) must be evidenced.');
      s.officer('qms.framework');
      if (isBank) s.officer('doc.governance_framework');
      s.note('g_h_i', 'Elements (g), (h), (i): see A.5 (risk management), A.9 (post-market monitoring) and A.X3 (serious incidents).');
    },
  },
  {
    id: 'A.X3',
    title: 'Serious-incident register',
    anchor: 'Art. 73',
    build(s) {
      const record = s.src.narratives.get('incidents');
      if (record === undefined) {
        s.note('register', `No incidents recorded in period (${s.src.decisions.first?.slice(0, 10) ?? s.src.version.createdAt.slice(0, 10)} – ${s.src.asOf.slice(0, 10)}).`);
      } else {
        s.officer('incidents');
      }
    },
  },
  {
    id: 'A.X4',
    title: 'Deployer evidence',
    anchor: 'Art. 26',
    build(s) {
      deployerOnly(s, () => {
        for (const k of ['oversight_staff', 'use_per_instructions', 'input_relevance', 'operational_monitoring']) s.officer(`deployer.${k}`);
        retentionCheck(s, 'retention');
        s.officer('doc.dpia');
        s.officer('doc.customer_notice');
      });
    },
  },
  {
    id: 'A.X5',
    title: 'Fundamental rights impact assessment',
    anchor: 'Art. 27',
    build(s) {
      deployerOnly(s, () => {
        for (const l of 'abcdef') s.officer(`fria.${l}`);
        s.officer('fria.date');
        const fria = dateFact(s, 'fria.date');
        const firstUse = dateFact(s, 'legacy.first_in_service_at');
        if (fria !== null && firstUse !== null && fria > firstUse) {
          s.gap('fria.date.late', 'FRIA timing', 'OVERDUE', `FRIA dated ${fria.slice(0, 10)}, after first use ${firstUse.slice(0, 10)}`, 'Compliance');
        }
        s.officer('doc.fria_notification');
      });
    },
  },
];
