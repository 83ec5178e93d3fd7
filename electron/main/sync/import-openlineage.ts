import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { lineageEventInstant } from '../../../shared/schemas/lineage';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import { sha256Hex } from '../core/hashing';
import type { JobControl } from '../core/jobs';
import type { ImportDeps } from './import-bundle';
import { importFromSource } from './import-source';
import { readLineageFile } from './openlineage-file';

const SHOWN_REJECTIONS = 5;

/**
 * Import an OpenLineage file (.json, .jsonl, Marquez export) as one snapshot observed at its latest event time.
 * Any refused event refuses the whole file, naming file, line and reason, so nothing is half-imported.
 */
export async function importOpenLineageFile(deps: ImportDeps, path: string, job?: JobControl): Promise<ImportSummary> {
  const file = basename(path);
  const content = await readLineageFile(path);
  if (content.rejected.length > 0) {
    const lines = content.rejected.slice(0, SHOWN_REJECTIONS).map((r) => `${file}, line ${r.line}: the event ${r.reason}`);
    const more = content.rejected.length > SHOWN_REJECTIONS ? ` (and ${content.rejected.length - SHOWN_REJECTIONS} more)` : '';
    throw new AttestError(
      'bad-input',
      `${content.rejected.length} of ${content.rejected.length + content.accepted.length} OpenLineage events refused; nothing was imported. ${lines.join('; ')}${more}.`,
      'Fix or remove those events (docs/lineage.md says what Attest requires), then import the file again.',
      { rejected: content.rejected.map((r) => ({ file, ...r })) },
    );
  }
  if (content.accepted.length === 0) throw new AttestError('bad-input', `${file} holds no OpenLineage events.`, 'Check that this is the file you meant.');
  const observedAt = content.accepted.map((a) => lineageEventInstant(a.event.eventTime)).sort().at(-1) ?? '';
  return importFromSource(
    deps,
    { kind: 'openlineage', source: `openlineage-file:${resolve(path)}`, label: file, observedAt, contentSha256: sha256Hex(await readFile(path)), scope: 'incremental', ordered: false },
    (session) => {
      for (const { line, event } of content.accepted) session.writeRecord('openlineage-events', event, `${file}, line ${line}`);
    },
    job,
  );
}
