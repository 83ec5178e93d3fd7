import type Database from 'better-sqlite3';
import { z } from 'zod';
import { type Checklist, type PackRecord, type PackScopeRequest, PackKind } from '../../../shared/schemas/pack';
import { officerItemsFor } from './catalogue';
import { type Generator, assemblePack, packTypeOf } from './evidence/assemble';
import type { MonitoringSource } from './source-types';
import { readPackSource } from './store/read-source';
import { rows } from './store/sql';

/**
 * What is still missing before generating: the officer items the pack asks for with their status, and the
 * gaps the pack would print now (computed by assembling the evidence, so the two never disagree).
 */
export function packChecklist(db: Database.Database, request: PackScopeRequest, monitoring: MonitoringSource, generator: Generator): Checklist {
  const type = packTypeOf(request.kind);
  const source = readPackSource(db, request, monitoring);
  const evidence = assemblePack(source, request.kind, generator);
  const items = officerItemsFor(type).map((spec) => {
    const record = source.narratives.get(spec.isDecisionLevel ? `${spec.key}@${request.decisionId ?? ''}` : spec.key);
    const status = record === undefined ? 'missing' : record.notApplicable ? 'not-applicable' : 'done';
    return { section: spec.section, key: spec.key, label: spec.label, kind: spec.kind, owner: spec.owner, status, options: spec.options ? [...spec.options] : null } as const;
  });
  const { gapCount, gapsByReason, gaps } = evidence.envelope.completeness;
  return { packType: type, items, gapCount, gapsByReason, gaps };
}

const PackRow = z.object({
  id: z.string(), kind: PackKind, model: z.string().nullable(), version: z.string().nullable(), decision_uid: z.string().nullable(),
  as_of: z.string(), created_at: z.string(), actor: z.string(), file_name: z.string(), pdf_sha256: z.string(), sidecar_sha256: z.string(), gap_count: z.number(),
});

/** The pack register, newest first, optionally for one model (and version). */
export function listPacks(db: Database.Database, model?: string, version?: string): PackRecord[] {
  return rows(db, PackRow,
    `SELECT p.id, p.kind, m.name AS model, v.version, d.decision_uid, p.as_of, p.created_at, p.actor, p.file_name, p.pdf_sha256, p.sidecar_sha256, p.gap_count
     FROM pack p LEFT JOIN model_version v ON v.id = p.model_version_id LEFT JOIN registered_model m ON m.id = v.model_id
     LEFT JOIN decision d ON d.id = p.decision_id
     WHERE (:model IS NULL OR m.name = :model) AND (:version IS NULL OR v.version = :version)
     ORDER BY p.created_at DESC, p.id`, { model: model ?? null, version: version ?? null })
    .map((r) => ({
      packId: r.id, kind: r.kind, model: r.model, version: r.version, decisionId: r.decision_uid, asOf: r.as_of, createdAt: r.created_at,
      actor: r.actor, fileName: r.file_name, pdfSha256: r.pdf_sha256, sidecarSha256: r.sidecar_sha256, gapCount: r.gap_count,
    }));
}
