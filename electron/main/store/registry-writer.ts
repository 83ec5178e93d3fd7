import type Database from 'better-sqlite3';
import { z } from 'zod';
import { GOVERNANCE_TAGS, type ModelSignature, type ModelVersionRecord, type RegisteredModelRecord } from '../../../shared/schemas/bundle';
import { AttestError } from '../core/errors';
import { canonicalJson } from '../core/hashing';
import { type HistoryWrite, assertNotBefore, closeScd2Row, writeScd2State } from './scd2-state';

/** What one snapshot changed in the registry's history. */
export interface RegistryCounts {
  registeredModels: number;
  modelVersions: number;
  aliasMoves: number;
}

const IdRow = z.object({ id: z.number().int() });
const VersionRow = z.object({ id: z.number().int(), artifact_sha256: z.string().nullable(), mlflow_model_id: z.string().nullable() });
const MlmodelRow = z.object({ mlmodel_sha256: z.string().nullable(), signature_json: z.string().nullable() });
const AliasRow = z.object({ id: z.number().int(), alias: z.string(), model_version_id: z.number().int(), valid_from: z.string() });

/** The first tag of each governance field's list that is present (GOVERNANCE_TAGS). */
export function governanceFields(tags: Record<string, string>): Record<keyof typeof GOVERNANCE_TAGS, string | null> {
  const pick = (keys: readonly string[]) => keys.map((k) => tags[k]).find((v) => v !== undefined) ?? null;
  return {
    owner: pick(GOVERNANCE_TAGS.owner),
    useCase: pick(GOVERNANCE_TAGS.useCase),
    riskTier: pick(GOVERNANCE_TAGS.riskTier),
    lastValidatedAt: pick(GOVERNANCE_TAGS.lastValidatedAt),
    nextValidationDue: pick(GOVERNANCE_TAGS.nextValidationDue),
  };
}

/**
 * Writes registry records of one snapshot as SCD-2 history (docs/history.md): a state row is closed
 * (valid_to = observedAt) when its content changed, and a new one opened from observedAt. Aliases are applied
 * in `finish`, after every version of the snapshot is known; a 'full' snapshot also retires what it lacks.
 */
export class RegistryWriter {
  readonly counts: RegistryCounts = { registeredModels: 0, modelVersions: 0, aliasMoves: 0 };
  private readonly seenModels = new Set<number>();
  private readonly seenVersions = new Set<number>();
  private readonly aliasesByModel = new Map<number, { name: string; aliases: Record<string, string> }>();
  /** Changes the counts do not show: retirements, removed aliases, facts filled in on a known version. */
  otherChanges = 0;
  private readonly history: HistoryWrite;

  constructor(
    private readonly db: Database.Database,
    private readonly snapshotId: number,
    private readonly observedAt: string,
  ) {
    this.history = { db, snapshotId, observedAt };
  }

  /** Record a registered model's state as observed. */
  writeModel(record: RegisteredModelRecord): void {
    this.db
      .prepare('INSERT INTO registered_model (name, created_at, first_snapshot_id) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING')
      .run(record.name, record.createdAt, this.snapshotId);
    const { id } = IdRow.parse(this.db.prepare('SELECT id FROM registered_model WHERE name = ?').get(record.name));
    this.seenModels.add(id);
    this.aliasesByModel.set(id, { name: record.name, aliases: record.aliases });
    const gov = governanceFields(record.tags);
    const state = {
      description: record.description ?? null,
      owner: gov.owner,
      use_case: gov.useCase,
      risk_tier: gov.riskTier,
      last_validated_at: gov.lastValidatedAt,
      next_validation_due: gov.nextValidationDue,
      updated_at: record.updatedAt ?? null,
      tags_json: canonicalJson(record.tags),
    };
    if (this.writeState('registered_model_state', 'model_id', id, state, `model ${record.name}`)) this.counts.registeredModels += 1;
  }

  /** Record a model version as observed (returns its id); its artifact hash may never change once recorded. */
  writeVersion(record: ModelVersionRecord): number {
    const model = this.db.prepare('SELECT id FROM registered_model WHERE name = ?').get(record.model);
    if (model === undefined) {
      throw new AttestError('bad-input', `Model version ${record.model} v${record.version} belongs to a model this workspace has never seen.`, 'The bundle must list the registered model before its versions.');
    }
    const modelId = IdRow.parse(model).id;
    const id = this.versionId(modelId, record);
    this.seenVersions.add(id);
    const state = {
      stage: record.stage ?? null,
      status: record.status ?? null,
      description: record.description ?? null,
      updated_at: record.updatedAt ?? null,
      tags_json: canonicalJson(record.tags),
    };
    if (this.writeState('model_version_state', 'model_version_id', id, state, `${record.model} v${record.version}`)) this.counts.modelVersions += 1;
    return id;
  }

  /**
   * Record what a version's MLmodel file says. Like the ONNX hash it is a fact of the version: the file may not
   * change once recorded, and its signature fills an unknown one but may not contradict a recorded one.
   */
  recordMlmodel(versionId: number, sha256: string, info: { summary: object; signature: ModelSignature | undefined }, what: string): void {
    const row = MlmodelRow.parse(this.db.prepare('SELECT mlmodel_sha256, signature_json FROM model_version WHERE id = ?').get(versionId));
    if (row.mlmodel_sha256 !== null && row.mlmodel_sha256 !== sha256) {
      throw new AttestError(
        'conflict',
        `${what} now names MLmodel file ${sha256.slice(0, 12)}…, but this workspace recorded ${row.mlmodel_sha256.slice(0, 12)}… for it.`,
        'A registered version’s MLmodel must never change; ask the registry owner what happened before importing.',
      );
    }
    const signature = info.signature ? canonicalJson(info.signature) : null;
    if (signature !== null && row.signature_json !== null && row.signature_json !== signature) {
      throw new AttestError(
        'bad-input',
        `${what}: its MLmodel file declares the signature ${signature}, but the version record says ${row.signature_json}.`,
        'The record and the MLmodel file it names disagree; re-export the version from the registry.',
      );
    }
    if (row.mlmodel_sha256 !== null) return;
    this.db
      .prepare('UPDATE model_version SET mlmodel_sha256 = ?, mlmodel_json = ?, signature_json = coalesce(signature_json, ?) WHERE id = ?')
      .run(sha256, canonicalJson(info.summary), signature, versionId);
    this.otherChanges += 1;
  }

  /**
   * Keep the versions of a model as they are (an incremental sync did not fetch them because the model has not
   * changed since the last one), so that a full snapshot does not retire them.
   */
  keepVersionsOf(modelName: string): void {
    const ids = z
      .array(z.number().int())
      .parse(
        this.db
          .prepare('SELECT v.id FROM model_version v JOIN registered_model m ON m.id = v.model_id JOIN model_version_state s ON s.model_version_id = v.id AND s.valid_to IS NULL WHERE m.name = ?')
          .pluck()
          .all(modelName),
      );
    for (const id of ids) this.seenVersions.add(id);
  }

  /** Apply aliases and, for a full snapshot, retire models, versions and aliases the snapshot no longer has. */
  finish(scope: 'full' | 'incremental' | 'attestations'): void {
    for (const [modelId, { name, aliases }] of this.aliasesByModel) this.applyAliases(modelId, name, aliases);
    if (scope !== 'full') return;
    const close = (table: string, key: string, seen: Set<number>) => {
      const open = z.array(z.object({ owner: z.number().int() })).parse(this.db.prepare(`SELECT ${key} AS owner FROM ${table} WHERE valid_to IS NULL`).all());
      for (const { owner } of open) {
        if (seen.has(owner)) continue;
        this.closeOpen(table, key, owner);
        this.otherChanges += 1;
      }
    };
    close('registered_model_state', 'model_id', this.seenModels);
    close('model_version_state', 'model_version_id', this.seenVersions);
    close('alias_assignment', 'model_id', this.seenModels);
  }

  private versionId(modelId: number, record: ModelVersionRecord): number {
    const sha = record.artifact?.sha256 ?? null;
    const existing = this.db.prepare('SELECT id, artifact_sha256, mlflow_model_id FROM model_version WHERE model_id = ? AND version = ?').get(modelId, record.version);
    if (existing !== undefined) {
      const row = VersionRow.parse(existing);
      if (sha !== null && row.artifact_sha256 !== null && row.artifact_sha256 !== sha) {
        throw new AttestError(
          'conflict',
          `${record.model} v${record.version} now names artifact ${sha.slice(0, 12)}…, but this workspace recorded ${row.artifact_sha256.slice(0, 12)}… for it.`,
          'A registered version’s model file must never change; ask the registry owner what happened before importing.',
        );
      }
      const loggedModel = record.loggedModelId ?? null;
      if (loggedModel !== null && row.mlflow_model_id !== null && row.mlflow_model_id !== loggedModel) {
        throw new AttestError(
          'conflict',
          `${record.model} v${record.version} now says it was registered from logged model ${loggedModel}, but this workspace recorded ${row.mlflow_model_id}.`,
          'A registered version’s origin must never change; ask the registry owner what happened before importing.',
        );
      }
      // Facts learnt later (a version synced before Attest read MLmodel files, ONNX opsets or MLflow 3 logged models)
      // fill what was unknown.
      const filled = this.db
        .prepare(
          `UPDATE model_version SET onnx_opset = coalesce(onnx_opset, :opset), signature_json = coalesce(signature_json, :signature),
             mlflow_model_id = coalesce(mlflow_model_id, :loggedModel)
           WHERE id = :id AND ((onnx_opset IS NULL AND :opset IS NOT NULL) OR (signature_json IS NULL AND :signature IS NOT NULL)
             OR (mlflow_model_id IS NULL AND :loggedModel IS NOT NULL))`,
        )
        .run({ opset: record.onnxOpset ?? null, signature: record.signature ? canonicalJson(record.signature) : null, loggedModel, id: row.id });
      this.otherChanges += filled.changes;
      return row.id;
    }
    const info = this.db
      .prepare(
        `INSERT INTO model_version (model_id, version, created_at, source_run_id, artifact_uri, artifact_sha256, framework, onnx_opset, signature_json, mlflow_model_id, first_snapshot_id)
         VALUES (:modelId, :version, :createdAt, :runId, :source, :sha, :framework, :opset, :signature, :loggedModel, :snapshotId)`,
      )
      .run({
        modelId,
        version: record.version,
        createdAt: record.createdAt,
        runId: record.runId ?? null,
        source: record.source ?? null,
        sha,
        framework: record.framework ?? null,
        opset: record.onnxOpset ?? null,
        signature: record.signature ? canonicalJson(record.signature) : null,
        loggedModel: record.loggedModelId ?? null,
        snapshotId: this.snapshotId,
      });
    return Number(info.lastInsertRowid);
  }

  /** Open a new state row when the content differs from the current one; returns whether it did. */
  private writeState(table: string, key: string, ownerId: number, state: Record<string, string | null>, what: string): boolean {
    return writeScd2State(this.history, table, key, ownerId, state, what);
  }

  private applyAliases(modelId: number, modelName: string, aliases: Record<string, string>): void {
    const open = z.array(AliasRow).parse(this.db.prepare('SELECT id, alias, model_version_id, valid_from FROM alias_assignment WHERE model_id = ? AND valid_to IS NULL').all(modelId));
    const byAlias = new Map(open.map((row) => [row.alias, row]));
    for (const [alias, version] of Object.entries(aliases)) {
      const target = this.db.prepare('SELECT id FROM model_version WHERE model_id = ? AND version = ?').get(modelId, version);
      if (target === undefined) {
        throw new AttestError('bad-input', `Alias ${modelName}@${alias} points at version ${version}, which the registry does not have.`, 'The bundle must list every version an alias points at.');
      }
      const versionId = IdRow.parse(target).id;
      const current = byAlias.get(alias);
      byAlias.delete(alias);
      if (current?.model_version_id === versionId) continue;
      if (current) {
        this.assertNotBefore(current.valid_from, `${modelName}@${alias}`);
        this.closeRow('alias_assignment', current.id);
      }
      this.db
        .prepare('INSERT INTO alias_assignment (model_id, alias, model_version_id, snapshot_id, valid_from) VALUES (?, ?, ?, ?, ?)')
        .run(modelId, alias, versionId, this.snapshotId, this.observedAt);
      this.counts.aliasMoves += 1;
    }
    // An alias the model no longer carries was removed at the source.
    for (const gone of byAlias.values()) {
      this.closeRow('alias_assignment', gone.id);
      this.otherChanges += 1;
    }
  }

  private assertNotBefore(validFrom: string, what: string): void {
    assertNotBefore(this.history, validFrom, what);
  }

  private closeRow(table: string, id: number): void {
    closeScd2Row(this.history, table, id);
  }

  private closeOpen(table: string, key: string, ownerId: number): void {
    this.db.prepare(`UPDATE ${table} SET valid_to = ?, ended_snapshot_id = ? WHERE ${key} = ? AND valid_to IS NULL`).run(this.observedAt, this.snapshotId, ownerId);
  }
}
