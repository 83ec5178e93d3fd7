import type Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PACK_SIDECAR_FORMAT, type PackEvidence, type PackRecord, type PackScopeRequest, type PackSidecar } from '../../../shared/schemas/pack';
import type { Actor } from '../core/actor';
import { sha256Hex } from '../core/hashing';
import { appendAuditEvent } from '../governance/audit-log';
import { type Generator, assemblePack, evidenceFingerprint } from './evidence/assemble';
import { renderPackPdf } from './pdf/render';
import type { MonitoringSource } from './source-types';
import { readPackSource } from './store/read-source';

/** The sidecar path beside a PDF: `pack.pdf` → `pack.json`. */
export function sidecarPathOf(pdfPath: string): string {
  return pdfPath.toLowerCase().endsWith('.pdf') ? `${pdfPath.slice(0, -4)}.json` : `${pdfPath}.json`;
}

/** Serialise a sidecar: stable key order (canonical evidence) and a trailing newline. */
export function sidecarBytes(sidecar: PackSidecar): Buffer {
  return Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`, 'utf8');
}

export interface GenerateInput {
  request: PackScopeRequest;
  /** Where to write the PDF; default `<workspace>/packs/<packId>.pdf`. */
  outFile?: string;
  packsDir: string;
  generator: Generator;
  monitoring: MonitoringSource;
  actor: Actor;
  /** Register time (the pack register and audit log only; never printed in the PDF). */
  createdAt: string;
  report?: (phase: string, done: number, total: number, message: string) => void;
}

export interface GeneratedPack {
  record: PackRecord;
  pdfFile: string;
  sidecarFile: string;
  evidence: PackEvidence;
}

/**
 * Generate a pack: one consistent read, pure assembly, deterministic rendering, then the PDF and its JSON
 * sidecar on disk and the pack in the register with an audit event (one transaction).
 */
export async function generatePack(db: Database.Database, input: GenerateInput): Promise<GeneratedPack> {
  const report = input.report ?? (() => {});
  report('read', 0, 4, 'Reading the workspace (one consistent snapshot)');
  const source = readPackSource(db, input.request, input.monitoring);
  report('assemble', 1, 4, 'Assembling evidence');
  const evidence = assemblePack(source, input.request.kind, input.generator);
  const fingerprint = evidenceFingerprint(evidence);
  report('render', 2, 4, 'Rendering the PDF');
  const pdf = await renderPackPdf(evidence, fingerprint);
  const pdfFile = resolve(input.outFile ?? join(input.packsDir, `${evidence.envelope.packId}.pdf`));
  const sidecarFile = sidecarPathOf(pdfFile);
  const pdfSha256 = sha256Hex(pdf);
  const sidecar = sidecarBytes({ format: PACK_SIDECAR_FORMAT, fingerprint, pdfSha256, pdfFile: basename(pdfFile), evidence });
  report('write', 3, 4, `Writing ${basename(pdfFile)}`);
  mkdirSync(dirname(pdfFile), { recursive: true });
  writeFileSync(pdfFile, pdf);
  writeFileSync(sidecarFile, sidecar);
  const record = registerPack(db, evidence, { pdfFile, pdfSha256, sidecarSha256: sha256Hex(sidecar), actor: input.actor, createdAt: input.createdAt, source });
  report('done', 4, 4, `Pack ${record.packId}: ${record.gapCount} gaps`);
  return { record, pdfFile, sidecarFile, evidence };
}

interface RegisterInput {
  pdfFile: string;
  pdfSha256: string;
  sidecarSha256: string;
  actor: Actor;
  createdAt: string;
  source: ReturnType<typeof readPackSource>;
}

function registerPack(db: Database.Database, evidence: PackEvidence, r: RegisterInput): PackRecord {
  const e = evidence.envelope;
  const record: PackRecord = {
    packId: e.packId, kind: e.kind, model: e.scope.modelName, version: e.scope.version, decisionId: e.scope.decisionId,
    asOf: e.snapshot.asOf, createdAt: r.createdAt, actor: r.actor.user, fileName: r.pdfFile, pdfSha256: r.pdfSha256,
    sidecarSha256: r.sidecarSha256, gapCount: e.completeness.gapCount,
  };
  db.transaction(() => {
    // The same state gives the same pack id and bytes: a regeneration is logged but not registered twice.
    db.prepare(
      `INSERT INTO pack (id, kind, model_version_id, decision_id, as_of, created_at, actor, file_name, pdf_sha256, sidecar_sha256, gap_count)
       VALUES (:id, :kind, :mv, :decision, :asOf, :createdAt, :actor, :file, :pdf, :sidecar, :gaps) ON CONFLICT (id) DO NOTHING`,
    ).run({
      id: record.packId, kind: record.kind, mv: r.source.version.id, decision: r.source.decision?.id ?? null, asOf: record.asOf,
      createdAt: record.createdAt, actor: record.actor, file: record.fileName, pdf: record.pdfSha256, sidecar: record.sidecarSha256, gaps: record.gapCount,
    });
    appendAuditEvent(db, r.actor, r.createdAt, {
      action: 'pack.generate',
      objectType: 'pack',
      objectId: record.packId,
      details: { kind: record.kind, model: record.model, version: record.version, decisionId: record.decisionId, asOf: record.asOf, file: record.fileName, pdfSha256: record.pdfSha256, sidecarSha256: record.sidecarSha256, gapCount: record.gapCount },
    });
  })();
  return record;
}
