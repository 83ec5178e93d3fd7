import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { InventoryModel, InventoryVersion } from '../../../shared/schemas/registry';
import { SnapshotVerification } from '../../../shared/schemas/registry';
import { END_OF_TIME, validAt } from './as-of';

const ModelRow = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  use_case: z.string().nullable(),
  risk_tier: z.string().nullable(),
  last_validated_at: z.string().nullable(),
  next_validation_due: z.string().nullable(),
});

const VersionRow = z.object({
  model_id: z.number().int(),
  id: z.number().int(),
  version: z.string(),
  created_at: z.string(),
  stage: z.string().nullable(),
  status: z.string().nullable(),
  source_run_id: z.string().nullable(),
  artifact_sha256: z.string().nullable(),
  framework: z.string().nullable(),
  verification: SnapshotVerification,
  decision_count: z.number().int(),
});

const AliasRow = z.object({ model_version_id: z.number().int(), alias: z.string() });

/**
 * The registry as it stood at `at` (an ISO instant), or now when `at` is null:
 * models and versions whose state was in force then, with the aliases they carried.
 */
export function listInventory(db: Database.Database, at: string | null, now: string): InventoryModel[] {
  const params = { at: at ?? END_OF_TIME };
  const models = z.array(ModelRow).parse(
    db
      .prepare(
        `SELECT m.id, m.name, s.description, s.owner, s.use_case, s.risk_tier, s.last_validated_at, s.next_validation_due
         FROM registered_model m JOIN registered_model_state s ON s.model_id = m.id AND ${validAt('s')}
         ORDER BY m.name`,
      )
      .all(params),
  );
  const versions = z.array(VersionRow).parse(
    db
      .prepare(
        `SELECT v.model_id, v.id, v.version, v.created_at, s.stage, s.status, v.source_run_id, v.artifact_sha256,
                v.framework, snap.verification,
                (SELECT count(*) FROM decision d WHERE d.model_version_id = v.id AND d.decided_at <= :at) AS decision_count
         FROM model_version v
         JOIN model_version_state s ON s.model_version_id = v.id AND ${validAt('s')}
         JOIN snapshot snap ON snap.id = s.snapshot_id
         ORDER BY v.model_id, CAST(v.version AS INTEGER) DESC, v.version DESC`,
      )
      .all(params),
  );
  const aliases = z
    .array(AliasRow)
    .parse(db.prepare(`SELECT a.model_version_id, a.alias FROM alias_assignment a WHERE ${validAt('a')} ORDER BY a.alias`).all(params));

  const aliasesByVersion = groupBy(aliases, (a) => a.model_version_id);
  const versionsByModel = groupBy(versions, (v) => v.model_id);
  const reference = at ?? now;
  return models.map((m) => ({
    name: m.name,
    description: m.description,
    owner: m.owner,
    useCase: m.use_case,
    riskTier: m.risk_tier,
    lastValidatedAt: m.last_validated_at,
    nextValidationDue: m.next_validation_due,
    isValidationOverdue: m.next_validation_due !== null && m.next_validation_due < reference,
    versions: (versionsByModel.get(m.id) ?? []).map(
      (v): InventoryVersion => ({
        version: v.version,
        createdAt: v.created_at,
        stage: v.stage,
        status: v.status,
        aliases: (aliasesByVersion.get(v.id) ?? []).map((a) => a.alias),
        sourceRunId: v.source_run_id,
        artifactSha256: v.artifact_sha256,
        framework: v.framework,
        decisionCount: v.decision_count,
        verification: v.verification,
      }),
    ),
  }));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
