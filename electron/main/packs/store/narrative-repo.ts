import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { NarrativeInput, NarrativeRecord } from '../../../../shared/schemas/pack';
import type { Actor } from '../../core/actor';
import { AttestError, badInput } from '../../core/errors';
import { appendAuditEvent } from '../../governance/audit-log';
import { officerSpec } from '../catalogue';
import { NarrativeRow, toNarrativeRecord } from './read-activity';
import { rows } from './sql';

function validate(input: NarrativeInput): void {
  const spec = officerSpec(input.key);
  if (!spec) throw badInput(`"${input.key}" is not a pack narrative key.`, 'Use a key listed by packs:checklist.');
  if (spec.isDecisionLevel !== (input.subject !== '')) {
    throw badInput(
      spec.isDecisionLevel ? `"${input.key}" is entered per decision; give the decision id as subject.` : `"${input.key}" is entered per model version; leave subject empty.`,
      'See packs:checklist for the level of each item.',
    );
  }
  if (input.notApplicable) {
    if (!spec.naAllowed) throw badInput(`"${spec.label}" cannot be marked not applicable.`, 'Enter the content, or leave it as a gap.');
    if (input.text.trim() === '') throw badInput('A "not applicable" entry needs a written reason.', 'Write why the item does not apply.');
    return;
  }
  if (spec.kind === 'external-doc' && input.doc === null) throw badInput(`"${spec.label}" is a document reference.`, 'Give title, version, date, location and (if known) SHA-256.');
  if (spec.kind !== 'external-doc' && input.text.trim() === '') throw badInput(`"${spec.label}" is empty.`, 'Write the text, or mark it not applicable with a reason.');
  if (spec.options && !spec.options.includes(input.text.trim())) {
    throw badInput(`"${input.text}" is not a valid value for "${spec.label}".`, `Choose one of: ${spec.options.join(', ')}.`);
  }
}

/**
 * Store a new revision of an officer entry, with its author, role and time, and log it in the audit trail
 * in the same transaction. Earlier revisions stay (the table is append-only).
 */
export function saveNarrative(db: Database.Database, input: NarrativeInput, actor: Actor, at: string): NarrativeRecord {
  validate(input);
  return db.transaction(() => {
    const exists = db.prepare(
      `SELECT 1 FROM model_version v JOIN registered_model m ON m.id = v.model_id WHERE m.name = :model AND v.version = :version`,
    ).get({ model: input.model, version: input.version });
    if (exists === undefined) throw new AttestError('not-found', `No version "${input.version}" of model "${input.model}".`, 'Check the model and version with `attest models`.');
    const [prev] = rows(db, z.object({ revision: z.number().nullable() }),
      `SELECT max(revision) AS revision FROM pack_narrative WHERE model_name = :model AND model_version = :version AND subject = :subject AND key = :key`,
      { model: input.model, version: input.version, subject: input.subject, key: input.key });
    const revision = (prev?.revision ?? 0) + 1;
    const id = Number(db.prepare(
      `INSERT INTO pack_narrative (model_name, model_version, subject, key, revision, text, not_applicable, doc_json, author, author_name, role, recorded_at)
       VALUES (:model, :version, :subject, :key, :revision, :text, :na, :doc, :author, :authorName, :role, :at)`,
    ).run({
      model: input.model, version: input.version, subject: input.subject, key: input.key, revision, text: input.text,
      na: input.notApplicable ? 1 : 0, doc: input.doc ? JSON.stringify(input.doc) : null, author: actor.user,
      authorName: actor.displayName, role: input.role, at,
    }).lastInsertRowid);
    appendAuditEvent(db, actor, at, {
      action: 'pack.narrative.save',
      objectType: 'model_version',
      objectId: `${input.model}/${input.version}`,
      details: { key: input.key, subject: input.subject, revision, notApplicable: input.notApplicable, role: input.role },
    });
    const [row] = rows(db, NarrativeRow, 'SELECT * FROM pack_narrative WHERE id = :id', { id });
    if (!row) throw new Error('narrative row vanished inside its own transaction');
    return toNarrativeRecord(row);
  })();
}

/** Every revision of every officer entry of a model version, newest first per key. */
export function listNarrativeHistory(db: Database.Database, model: string, version: string): NarrativeRecord[] {
  return rows(db, NarrativeRow,
    `SELECT * FROM pack_narrative WHERE model_name = :model AND model_version = :version ORDER BY key, subject, revision DESC`,
    { model, version }).map(toNarrativeRecord);
}
