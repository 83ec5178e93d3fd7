import type Database from 'better-sqlite3';
import { asOfInstant } from '../../../../shared/schemas/common';
import type { PackScopeRequest } from '../../../../shared/schemas/pack';
import { AttestError } from '../../core/errors';
import type { MonitoringSource, PackSource } from '../source-types';
import {
  readArtifact,
  readAttestations,
  readDecision,
  readDecisionStats,
  readNarratives,
  readReplays,
  readSnapshot,
  readStateInstant,
} from './read-activity';
import { readAliases, readDatasets, readHistory, readLineage, readModel, readRun, readStageAt, readVersion } from './read-registry';

/** A source that has no monitoring data: packs print MISSING gaps for every monitoring-fed field. */
export const noMonitoring: MonitoringSource = { monitoring: () => null, fairness: () => null };

/**
 * Read everything a pack needs in ONE read transaction, as of `request.asOf` (or the end of the recorded
 * state), so every value in the pack comes from the same consistent view even while imports run.
 */
export function readPackSource(db: Database.Database, request: PackScopeRequest, monitoring: MonitoringSource = noMonitoring): PackSource {
  return db.transaction(() => readAll(db, request, monitoring))();
}

function readAll(db: Database.Database, request: PackScopeRequest, monitoring: MonitoringSource): PackSource {
  const at = request.asOf ? asOfInstant(request.asOf) : readStateInstant(db);
  const model = readModel(db, request.model, at);
  const version = readVersion(db, model.id, request.version, at);
  const history = readHistory(db, model.id, at);
  const run = readRun(db, version.sourceRunId, at);
  const datasets = readDatasets(db, version.sourceRunId, at);
  const decision = request.kind === 'decision' ? readScopedDecision(db, request, version.id, at) : null;
  return {
    asOf: at,
    snapshot: readSnapshot(db, at),
    model,
    version,
    versions: history.versions,
    stageHistory: history.stages,
    run,
    datasets,
    lineage: readLineage(db, [model.name, version.sourceRunId ?? '', ...datasets.map((d) => d.name)], at),
    artifact: readArtifact(db, version.artifactSha256, at),
    decisions: readDecisionStats(db, version.id, at, version.decisionRule),
    decision,
    decisionTimeStage: decision
      ? { stage: readStageAt(db, version.id, decision.decidedAt), aliases: readAliases(db, version.id, decision.decidedAt) }
      : null,
    replays: readReplays(db, version.id, decision?.id ?? null, at),
    attestations: readAttestations(db, model.name, version.version, at),
    narratives: readNarratives(db, model.name, version.version, at),
    monitoring: monitoring.monitoring(version.id, at),
    fairness: monitoring.fairness(version.id, at),
  };
}

function readScopedDecision(db: Database.Database, request: PackScopeRequest, versionId: number, at: string) {
  if (!request.decisionId) {
    throw new AttestError('bad-input', 'A decision pack needs the decision id.', 'Pass --decision ID (see `attest decisions`).');
  }
  const decision = readDecision(db, request.decisionId, at);
  if (decision === null) return null;
  if (decision.modelVersionId !== versionId) {
    throw new AttestError(
      'bad-input',
      `Decision ${request.decisionId} was made by another model version, not ${request.model} v${request.version}.`,
      'Generate the pack for the version that made the decision.',
    );
  }
  return decision;
}
