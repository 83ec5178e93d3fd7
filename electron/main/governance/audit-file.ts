import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditVerification } from '../../../shared/schemas/governance';
import { AttestError } from '../core/errors';
import { type AuditRow, GENESIS_HASH } from './audit-log';
import { checkRow } from './audit-verify';
import { AUDIT_EXPORT_FORMAT } from './audit-export';

const ExportHeader = z.object({ format: z.literal(AUDIT_EXPORT_FORMAT) }).passthrough();
const ExportRow = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    actorName: z.string(),
    action: z.string(),
    objectType: z.string().nullable(),
    objectId: z.string().nullable(),
    detailsJson: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .strict();
const ExportTrailer = z.object({ trailer: z.literal(true), rowCount: z.number().int(), headHash: z.string() }).passthrough();

/**
 * Verify an audit-log export file on its own (an auditor's copy, no workspace needed): the same chain walk
 * as the live log, plus the trailer's row count and head hash.
 */
export function verifyAuditExportFile(path: string): AuditVerification {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = parseLine(path, lines, 0, ExportHeader);
  void header;
  const trailer = parseLine(path, lines, lines.length - 1, ExportTrailer);
  let previous: AuditRow | null = null;
  let firstBreak: AuditVerification['firstBreak'] = null;
  for (let i = 1; i < lines.length - 1; i++) {
    const r = parseLine(path, lines, i, ExportRow);
    const row: AuditRow = {
      id: r.id, at: r.at, actor: r.actor, actor_name: r.actorName, action: r.action, object_type: r.objectType,
      object_id: r.objectId, details_json: r.detailsJson, prev_hash: r.prevHash, hash: r.hash,
    };
    firstBreak ??= checkRow(row, previous);
    previous = row;
  }
  const rowCount = lines.length - 2;
  const headHash = previous?.hash ?? GENESIS_HASH;
  const anchor = { expectedHead: trailer.headHash, found: trailer.headHash === headHash && trailer.rowCount === rowCount, atRowId: previous?.id ?? null };
  return { ok: firstBreak === null && anchor.found, rowCount, headHash, firstBreak, appendOnlyEnforced: true, anchor };
}

function parseLine<T extends z.ZodType>(path: string, lines: string[], index: number, schema: T): z.output<T> {
  const text = lines[index];
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new AttestError('bad-input', `${path} line ${index + 1} is not JSON.`, 'Give the file written by `attest log export`, unchanged.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AttestError(
      'bad-input',
      `${path} line ${index + 1} is not an audit-log export line (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}).`,
      'Give the file written by `attest log export`; its format is described in docs/audit-log.md.',
    );
  }
  return parsed.data;
}
