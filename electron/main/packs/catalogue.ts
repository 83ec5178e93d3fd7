import type { OfficerRole, PackType } from '../../../shared/schemas/pack';

/**
 * The officer-input items of the packs (spec **N** narratives, facts, **X** external documents): what a person
 * must enter per model version before a pack is complete. Sections print them through `officerItem`; the
 * checklist lists them; `packs:saveNarrative` accepts only these keys.
 */
export interface OfficerItemSpec {
  section: string;
  key: string;
  label: string;
  kind: 'narrative' | 'fact' | 'external-doc';
  owner: OfficerRole;
  /** May be marked "not applicable" with a written reason. */
  naAllowed: boolean;
  /** Allowed values of a fact. */
  options: readonly string[] | null;
  packs: readonly PackType[];
  /** Entered per decision (Pack C), not per version. */
  isDecisionLevel: boolean;
}

type Extra = Partial<Pick<OfficerItemSpec, 'naAllowed' | 'options' | 'isDecisionLevel'>>;

function item(kind: OfficerItemSpec['kind'], packs: readonly PackType[]) {
  return (section: string, key: string, label: string, owner: OfficerRole, extra: Extra = {}): OfficerItemSpec => ({
    section, key, label, kind, owner, packs,
    naAllowed: extra.naAllowed ?? false, options: extra.options ?? null, isDecisionLevel: extra.isDecisionLevel ?? false,
  });
}
const nA = item('narrative', ['A']);
const fA = item('fact', ['A']);
const xA = item('external-doc', ['A']);
const nAB = item('narrative', ['A', 'B']);
const fAB = item('fact', ['A', 'B']);
const fABC = item('fact', ['A', 'B', 'C']);
const nB = item('narrative', ['B']);
const fB = item('fact', ['B']);
const xB = item('external-doc', ['B']);
const nC = item('narrative', ['C']);
const fC = item('fact', ['C']);

const YES_NO = ['yes', 'no'] as const;
const NA = { naAllowed: true };

/** Items shared by every pack: regime profile and calendar (spec §0.1, §6). */
const REGIME: OfficerItemSpec[] = [
  fABC('cover', 'regime.profile', 'Regime profile (comma-separated: EU AI Act, SR 26-2, SR 11-7 (historical), PRA SS1/23, OSFI E-23, EBA GL/2020/06, ECB internal models)', 'Compliance'),
  fABC('cover', 'regime.calendar', 'Regulatory calendar in force', 'Compliance', { options: ['original (2 Aug 2026)', 'omnibus (2 Dec 2027)'] }),
  fABC('cover', 'regime.omnibus_oj_ref', 'Official Journal reference of the Digital Omnibus on AI', 'Compliance', NA),
  fABC('A.X1', 'logs.retention_months', 'Decision-log retention period in months (statutory floor 6)', 'IT Ops'),
];

const PACK_A: OfficerItemSpec[] = [
  fA('A.0', 'ai_system.name', 'AI system name and unique reference', 'Compliance'),
  fA('A.0', 'provider.identity', 'Provider legal name and address', 'Compliance'),
  fA('A.0', 'ai_system.role', "The bank's role", 'Compliance', { options: ['provider', 'deployer', 'provider and deployer'] }),
  fA('A.0', 'ai_system.is_regulated_financial_institution', 'Regulated financial institution (Art. 17(4), 18(3), 19(2), 26(5), 72(4) derogations)', 'Compliance', { options: YES_NO }),
  nA('A.0', 'classification.rationale', 'Annex III point 5(b) classification rationale', 'Compliance'),
  fA('A.0', 'classification.not_fraud_only', 'Confirmed not a fraud-detection-only system', 'Compliance', { options: YES_NO }),
  fA('A.0', 'eu_db.registration_id', 'EU database registration number (Art. 49, 71)', 'Compliance'),
  nA('A.0', 'derogations.relied_on', 'Financial-institution derogations relied on', 'Compliance', NA),
  xA('A.0', 'doc.governance_framework', "Bank's internal-governance framework document", 'Compliance', NA),
  fA('A.0', 'legacy.first_in_service_at', 'First put into service (date)', 'Model Owner'),
  nA('A.0', 'legacy.significant_change', "'Significant change since' assessment (Art. 111(2))", 'Compliance', NA),
  nAB('A.1(a)', 'intended_purpose', 'Intended purpose (decision supported, product, customers, geography)', 'Model Owner'),
  nA('A.1(b)', 'integrations', 'Upstream and downstream systems and interfaces', 'Model Owner', NA),
  nA('A.1(c)', 'update_policy', 'What a runtime or library update requires', 'Model Owner'),
  nA('A.1(d)', 'deployment_forms', 'Forms in which the system is put into service', 'Model Owner'),
  nA('A.1(e)', 'hardware', 'Target hardware and minimum resources', 'IT Ops'),
  nA('A.1(f)', 'illustrations', 'Photos or illustrations of the product', 'Model Owner', NA),
  nA('A.1(g)', 'user_interface', 'User interface given to the deployer', 'Model Owner'),
  nA('A.1(h)', 'ifu.provider_contact', '(1) Provider identity and contact', 'Compliance'),
  nA('A.1(h)', 'ifu.accuracy_robustness', '(3) Robustness and cybersecurity levels tested; circumstances that may change them', 'Model Developer'),
  nA('A.1(h)', 'ifu.foreseeable_misuse', '(4) Circumstances of use or misuse creating risks', 'Compliance'),
  nA('A.1(h)', 'ifu.explainability', '(5) Ability to explain outputs', 'Model Developer'),
  nA('A.1(h)', 'ifu.output_interpretation', '(8) How to interpret and use the output', 'Model Owner'),
  nA('A.1(h)', 'ifu.lifetime_maintenance', '(11) Compute needs, expected lifetime, maintenance and updates', 'IT Ops'),
  nA('A.1(h)', 'ifu.log_interpretation', '(12) How deployers collect, store and interpret logs', 'IT Ops'),
  nA('A.2(a)', 'development_pipeline', 'Development methods and steps', 'Model Developer'),
  nAB('A.2(a)', 'third_party_components', 'Third-party components and vendor elements', 'Model Developer', NA),
  nA('A.2(b)', 'design_rationale', 'Design choices, assumptions and trade-offs', 'Model Developer'),
  ...(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const).map((l, i) =>
    nA('A.2(d)', `art10.${l}`, `Art. 10(2)(${l}) ${['design choices', 'collection process and origin', 'preparation steps', 'assumptions about what the data measures', 'availability, quantity and suitability', 'examination for possible biases', 'bias detection, prevention and mitigation', 'data gaps and how they are addressed'][i] ?? ''}`, 'Data Steward')),
  nA('A.2(d)', 'art10.relevance', 'Art. 10(3)–(4) relevance, representativeness, errors, completeness', 'Data Steward'),
  nA('A.2(d)', 'art10.special_category', 'Art. 10(5) special-category data processing record', 'Data Steward', NA),
  ...([['understand', 'understand capabilities and limits'], ['detect_anomalies', 'detect anomalies and drift'], ['automation_bias', 'stay aware of automation bias'],
    ['interpret', 'interpret outputs'], ['override', 'decide not to use or override'], ['stop', 'stop the system']] as const).map(([k, l]) =>
    nA('A.2(e)', `oversight.${k}`, `Human oversight: ${l}`, 'Compliance')),
  nA('A.2(f)', 'change_policy', 'Pre-determined changes and guard-rails', 'Model Owner', NA),
  nA('A.2(g)', 'test_plan', 'Test plan and robustness tests', 'Validator'),
  xA('A.2(g)', 'doc.test_report', 'Signed test report', 'Validator'),
  nA('A.2(h)', 'cybersecurity', 'Cybersecurity measures (Art. 15(5))', 'IT Security'),
  xA('A.2(h)', 'doc.access_control', 'Access-control configuration export', 'IT Security', NA),
  nAB('A.3', 'known_limitations', 'Known limitations and out-of-scope uses', 'Model Owner'),
  nA('A.3', 'unintended_outcomes', 'Foreseeable unintended outcomes and sources of risk', 'Model Owner'),
  nA('A.4', 'metric_rationale', 'Why these metrics and thresholds suit the system', 'Model Developer'),
  nA('A.5', 'risk_register', 'Risk register (risks, measures, residual risk, Art. 9(10) fit)', 'Risk'),
  fA('A.5', 'risk.next_review', 'Next risk-register review date', 'Risk'),
  nAB('A.6', 'change_assessment', 'Substantial-modification assessment of changes', 'Compliance'),
  nA('A.7', 'standards_applied', 'Standards applied or solutions adopted per requirement', 'Compliance'),
  ...['responsibility statement (provider alone responsible)', 'conformity statement (AI Act and other EU law)', 'GDPR compliance statement',
    'harmonised standards or common specifications relied on', 'notified body (normally none for 5(b))', 'place and date of issue, signer name and function']
    .map((l, i) => nA('A.8', `eu_doc.${i + 3}`, `Annex V (${i + 3}) ${l}`, 'Compliance')),
  xA('A.8', 'doc.eu_declaration', 'Signed EU declaration of conformity', 'Compliance'),
  ...['QMS checked', 'technical documentation checked', 'design and post-market monitoring consistency checked'].map((l, i) =>
    nA('A.8', `internal_control.${i + 1}`, `Annex VI internal control: ${l}`, 'Compliance')),
  nAB('A.9', 'pmm_plan', 'Post-market monitoring plan (metrics, sources, thresholds, escalation)', 'Model Owner'),
  fAB('A.9', 'pmm.frequency_days', 'Monitoring frequency in days', 'Model Owner'),
  nA('A.X1', 'logs.retention_policy', 'Log retention policy and legal basis', 'IT Ops'),
  nA('A.X2', 'qms.framework', 'Quality management system elements (or internal-governance references)', 'Compliance'),
  nA('A.X3', 'incidents', 'Serious incidents in period (Art. 73)', 'Compliance', NA),
  ...[['oversight_staff', 'Staff assigned to human oversight'], ['use_per_instructions', 'Use according to the instructions'],
    ['input_relevance', 'Input-data relevance and representativeness checks'], ['operational_monitoring', 'Operational monitoring and reporting to the provider']]
    .map(([k, l]) => nA('A.X4', `deployer.${k ?? ''}`, l ?? '', 'Compliance')),
  xA('A.X4', 'doc.dpia', 'Data protection impact assessment (Art. 26(9))', 'Compliance'),
  xA('A.X4', 'doc.customer_notice', 'Notice to affected persons (Art. 26(11))', 'Compliance'),
  ...['(a) processes where the system is used', '(b) period and frequency of use', '(c) categories of affected people', '(d) specific risks of harm',
    '(e) human oversight per the instructions', '(f) measures if risks materialise'].map((l, i) =>
    nA('A.X5', `fria.${'abcdef'[i] ?? ''}`, `FRIA ${l}`, 'Compliance')),
  fA('A.X5', 'fria.date', 'FRIA completion date', 'Compliance'),
  xA('A.X5', 'doc.fria_notification', 'Market-surveillance-authority notification receipt', 'Compliance'),
];

const PACK_B: OfficerItemSpec[] = [
  fB('B.1', 'inventory.lifecycle_status', 'Lifecycle status', 'MRM', { options: ['in development', 'in use', 'retired'] }),
  nB('B.2', 'model_definition', 'Why the artefact counts as a model', 'MRM'),
  nB('B.2', 'tier_inputs', 'Tier materiality and complexity inputs', 'MRM'),
  fB('B.2', 'tier.review_date', 'Date of the last tier review', 'MRM'),
  nB('B.3', 'methodology', 'Theory and methodology', 'Model Developer'),
  nB('B.3', 'assumptions', 'Key assumptions and their justification', 'Model Developer'),
  nB('B.3', 'alternatives', 'Alternatives considered', 'Model Developer'),
  nB('B.4', 'data_quality', 'Data quality checks, representativeness, proxies', 'Data Steward'),
  nB('B.5', 'acceptance_criteria', 'Acceptance criteria and pass/fail', 'Model Developer'),
  nB('B.6', 'development_adjustments', 'Adjustments and expert judgement in development', 'Model Developer', NA),
  nB('B.8', 'usage', 'Users, business processes and reports', 'Model Owner'),
  nB('B.8', 'restrictions', 'Prohibited and restricted uses', 'Model Owner', NA),
  nB('B.9', 'validator_independence', 'Validator independence statement', 'Validator'),
  xB('B.9', 'doc.validation_report', 'Validation report', 'Validator'),
  nB('B.10', 'escalations', 'Breaches, escalations and actions', 'MRM', NA),
  fB('B.11', 'outcomes.horizon_months', 'Outcome horizon in months (when outcomes are not yet mature)', 'Model Owner', NA),
  nB('B.12', 'pma', 'Post-model adjustments in force', 'MRM', NA),
  fB('B.12', 'pma.removal_date', 'Planned PMA removal date', 'MRM', NA),
  nB('B.13', 'exceptions', 'Exceptions to policy (approver, conditions, expiry)', 'MRM', NA),
  fB('B.13', 'exception.expiry', 'Expiry date of the latest active exception', 'MRM', NA),
  nB('B.14', 'findings', 'Findings and remediation', 'Validator', NA),
  fB('B.14', 'findings.next_due', 'Earliest due date of an open finding', 'Validator', NA),
  xB('B.16', 'doc.vendor_evidence', 'Vendor developmental evidence', 'Model Developer', NA),
  nB('B.17', 'roles', 'Developers, validators, approver/committee, accountable SMF', 'MRM'),
  xB('B.17', 'doc.mrm_policy', 'Board-approved MRM policy', 'MRM'),
  nB('B.18', 'doc_sufficiency', 'Documentation sufficiency statement', 'MRM'),
  nB('B.20', 'decommissioning', 'Decommissioning record', 'Model Owner', NA),
];

const PACK_C: OfficerItemSpec[] = [
  nC('C.0', 'replay_request', 'Request context (type, reference, date received, requester category)', 'Compliance', { isDecisionLevel: true }),
  fC('C.1', 'decision.final_decider_role', 'Whether a human took the final decision, and their role', 'Compliance', { isDecisionLevel: true }),
  nC('C.8', 'explanation_template', 'Explanation template for affected persons (Art. 86)', 'Compliance'),
];

/** Every officer item, regime items first. */
export const OFFICER_ITEMS: readonly OfficerItemSpec[] = [...REGIME, ...PACK_A, ...PACK_B, ...PACK_C];

const BY_KEY = new Map(OFFICER_ITEMS.map((i) => [i.key, i]));

/** The officer item with this key, if it exists. */
export function officerSpec(key: string): OfficerItemSpec | undefined {
  return BY_KEY.get(key);
}

/** The items a pack type asks for. */
export function officerItemsFor(type: PackType): OfficerItemSpec[] {
  return OFFICER_ITEMS.filter((i) => i.packs.includes(type));
}
