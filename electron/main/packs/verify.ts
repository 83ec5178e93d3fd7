import type Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { PackSidecar, type PackVerification } from '../../../shared/schemas/pack';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import { evidenceFingerprint } from './evidence/assemble';
import { sidecarPathOf } from './generate';
import { renderPackPdf } from './pdf/render';
import { rows } from './store/sql';

type Check = PackVerification['checks'][number];

function readSidecar(file: string): { sidecar: PackSidecar | null; check: Check } {
  const path = sidecarPathOf(file);
  if (!existsSync(path)) return { sidecar: null, check: { name: 'sidecar', ok: false, detail: `no sidecar at ${path}` } };
  try {
    const sidecar = PackSidecar.parse(JSON.parse(readFileSync(path, 'utf8')));
    return { sidecar, check: { name: 'sidecar', ok: true, detail: `${path} is a valid pack sidecar` } };
  } catch (error) {
    return { sidecar: null, check: { name: 'sidecar', ok: false, detail: `${path} is not a valid pack sidecar: ${(error as Error).message.slice(0, 300)}` } };
  }
}

function registerCheck(db: Database.Database, packId: string, pdfSha: string, sidecarSha: string): Check {
  const [row] = rows(db, z.object({ pdf_sha256: z.string(), sidecar_sha256: z.string() }), 'SELECT pdf_sha256, sidecar_sha256 FROM pack WHERE id = :id', { id: packId });
  if (!row) return { name: 'register', ok: false, detail: `pack ${packId} is not in this workspace's pack register` };
  const ok = row.pdf_sha256 === pdfSha && row.sidecar_sha256 === sidecarSha;
  return { name: 'register', ok, detail: ok ? `matches the register entry of ${packId}` : `differs from the register entry of ${packId} (PDF ${row.pdf_sha256}, sidecar ${row.sidecar_sha256})` };
}

/**
 * Verify a pack PDF against its sidecar: the sidecar's evidence still has its fingerprint, the PDF has the
 * recorded hash, and re-rendering the evidence gives the same bytes (so the PDF shows exactly that evidence).
 * With a workspace, also check the pack register.
 */
export async function verifyPackFile(file: string, db?: Database.Database): Promise<PackVerification> {
  if (!existsSync(file)) throw new AttestError('not-found', `No file at ${file}.`, 'Give the path of a pack PDF.');
  const pdf = readFileSync(file);
  const pdfSha = sha256Hex(pdf);
  const { sidecar, check } = readSidecar(file);
  const checks: Check[] = [check];
  if (sidecar !== null) {
    const fingerprint = evidenceFingerprint(sidecar.evidence);
    checks.push({ name: 'fingerprint', ok: fingerprint === sidecar.fingerprint, detail: fingerprint === sidecar.fingerprint ? `evidence fingerprint ${fingerprint}` : `evidence recomputes to ${fingerprint}, sidecar says ${sidecar.fingerprint}` });
    checks.push({ name: 'pdf-hash', ok: pdfSha === sidecar.pdfSha256, detail: pdfSha === sidecar.pdfSha256 ? `PDF SHA-256 ${pdfSha}` : `PDF SHA-256 is ${pdfSha}, sidecar says ${sidecar.pdfSha256}` });
    const rendered = sha256Hex(await renderPackPdf(sidecar.evidence, sidecar.fingerprint));
    checks.push({ name: 're-render', ok: rendered === pdfSha, detail: rendered === pdfSha ? 'rendering the sidecar evidence reproduces the PDF byte for byte' : `rendering the sidecar evidence gives ${rendered}` });
    if (db) checks.push(registerCheck(db, sidecar.evidence.envelope.packId, pdfSha, sha256Hex(readFileSync(sidecarPathOf(file)))));
  }
  return { file, ok: checks.every((c) => c.ok), packId: sidecar?.evidence.envelope.packId ?? null, checks };
}
