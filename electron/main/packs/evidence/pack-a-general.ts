import { PACK_TEMPLATE_VERSION } from '../../../../shared/schemas/pack';
import { type SectionDef, factOf } from './builders';
import { approvalsBy, fairnessTable, inputSpecTable, metricsTable, runtimeTags, segmentTable, versionHistoryTable } from './common';

/** Pack A, A.0 and A.1: identification, classification and general description (Annex IV point 1). */
export const PACK_A_GENERAL: SectionDef[] = [
  {
    id: 'A.0',
    title: 'Identification and classification',
    anchor: 'Art. 6, 16, 49',
    build(s) {
      s.officer('ai_system.name');
      s.officer('provider.identity');
      s.officer('ai_system.role');
      s.officer('ai_system.is_regulated_financial_institution');
      if (s.officer('classification.rationale') !== null && approvalsBy(s.src, 'compliance').length === 0) {
        s.gap('classification.approval', 'Classification approval', 'UNSIGNED', 'the classification has no Compliance sign-off', 'Compliance');
      }
      s.note('classification.art6_3', 'Art. 6(3) statement: credit scoring profiles natural persons, so the Art. 6(3) derogation from high-risk status is not available.');
      s.officer('classification.not_fraud_only');
      s.officer('eu_db.registration_id');
      if (factOf(s.src, 'ai_system.is_regulated_financial_institution') === 'yes') {
        s.officer('derogations.relied_on');
        s.officer('doc.governance_framework');
      } else {
        s.note('derogations', 'No financial-institution derogations relied on (the bank is not recorded as a regulated financial institution).');
      }
      s.officer('legacy.first_in_service_at');
      s.officer('legacy.significant_change');
      s.value('document.version', 'Document version', `template ${PACK_TEMPLATE_VERSION}, as of ${s.src.asOf}`, [s.src.version.provenance], 'Compliance');
      s.table('scope.versions', 'Model versions in scope', ['Model', 'Version', 'Stage', 'Aliases', 'Created'],
        [{ cells: [s.src.model.name, s.src.version.version, s.src.version.stage, s.src.version.aliases.join(', ') || '—', s.src.version.createdAt], provenance: [s.src.version.provenance] }],
        { kind: 'note', text: '' });
    },
  },
  {
    id: 'A.1(a)',
    title: 'General description: intended purpose, provider, versions',
    anchor: 'Annex IV 1(a)',
    build(s) {
      s.officer('intended_purpose');
      s.officer('provider.identity');
      s.value('current_version', 'Current version', `${s.src.model.name} v${s.src.version.version}`, [s.src.version.provenance], 'Model Owner');
      versionHistoryTable(s, 'version_history');
      const isFirst = s.src.versions[0]?.version === s.src.version.version;
      const hasLink = s.src.lineage.some((e) => e.type === 'supersedes');
      if (!isFirst && !hasLink) s.gap('version_lineage', 'Version lineage', 'MISSING', 'no supersedes link recorded to the version this one replaced (version lineage)', 'Model Owner');
      const promotions = s.src.stageHistory.filter((e) => e.version === s.src.version.version && /prod|champion/i.test(e.stage ?? ''));
      if (promotions.length > 0 && approvalsBy(s.src, 'owner').length === 0) {
        s.gap('stage_approval', 'Approval of stage transitions', 'UNSIGNED', 'promoted to production without an owner sign-off', 'Model Owner');
      }
    },
  },
  {
    id: 'A.1(b)',
    title: 'Interaction with hardware, software and other AI systems',
    anchor: 'Annex IV 1(b)',
    build(s) {
      const feeds = s.src.lineage.filter((e) => /feeds_into|feeds|input|consumes|produces/i.test(e.type));
      s.table('feeds_into', 'Systems and models feeding or fed by this system', ['From', 'To', 'Type'],
        feeds.map((e) => ({ cells: [e.from, e.to, e.type], provenance: [e.provenance] })), { kind: 'note', text: 'No feeds_into lineage recorded.' });
      s.officer('integrations', { missing: { reason: 'MISSING', explanation: 'no integrations recorded (a standalone system must be justified not applicable)' } });
    },
  },
  {
    id: 'A.1(c)',
    title: 'Versions of relevant software and update requirements',
    anchor: 'Annex IV 1(c)',
    build(s) {
      s.value('framework', 'Model framework', s.src.version.framework, [s.src.version.provenance], 'Model Developer');
      s.value('onnx_opset', 'ONNX opset', s.src.version.onnxOpset, [s.src.version.provenance], 'Model Developer');
      const tags = runtimeTags(s.src);
      s.table('runtime', 'Runtime and library versions recorded by the training run', ['Tag', 'Value'],
        tags.map(([k, v]) => ({ cells: [k, v], provenance: s.src.run ? [s.src.run.provenance] : [] })),
        { kind: 'gap', explanation: 'runtime and library versions are not recorded', owner: 'Model Developer' });
      s.officer('update_policy');
    },
  },
  { id: 'A.1(d)', title: 'Forms in which the system is placed on the market or put into service', anchor: 'Annex IV 1(d)', build: (s) => void s.officer('deployment_forms') },
  {
    id: 'A.1(e)',
    title: 'Hardware the system is meant to run on',
    anchor: 'Annex IV 1(e)',
    build(s) {
      s.officer('hardware');
      const host = s.src.replays.find((r) => typeof r.runtime.cpu === 'string' || typeof r.runtime.os === 'string');
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      if (host) s.note('replay_host', `Supporting evidence only: replays ran on ${text(host.runtime.os)} ${text(host.runtime.cpu)}`.trim(), [host.provenance]);
    },
  },
  { id: 'A.1(f)', title: 'Photos or illustrations of the product', anchor: 'Annex IV 1(f)', build: (s) => void s.officer('illustrations') },
  { id: 'A.1(g)', title: 'User interface provided to the deployer', anchor: 'Annex IV 1(g)', build: (s) => void s.officer('user_interface') },
  {
    id: 'A.1(h)',
    title: 'Instructions for use for the deployer',
    anchor: 'Art. 13(3)',
    build(s) {
      s.officer('ifu.provider_contact');
      s.officer('intended_purpose');
      metricsTable(s, 'ifu.3.metrics', 'Model Developer');
      s.officer('ifu.accuracy_robustness');
      s.officer('ifu.foreseeable_misuse');
      s.officer('ifu.explainability');
      segmentTable(s, 'ifu.6.segments');
      fairnessTable(s, 'ifu.6.fairness');
      inputSpecTable(s, 'ifu.7.inputs');
      s.officer('ifu.output_interpretation');
      s.officer('change_policy');
      s.note('ifu.10', 'Human oversight measures and interpretation aids: see A.2(e).');
      s.officer('ifu.lifetime_maintenance');
      s.officer('ifu.log_interpretation');
    },
  },
];
