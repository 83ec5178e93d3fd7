import { basename, resolve } from 'node:path';
import { lineageEventInstant } from '../../../shared/schemas/lineage';
import type { ImportSummary } from '../../../shared/schemas/sync';
import { toIso } from '../core/clock';
import { AttestError } from '../core/errors';
import { sha256File } from '../core/hashing';
import type { JobControl } from '../core/jobs';
import type { ImportDeps } from './import-bundle';
import { importFromSource } from './import-source';
import { readLineageEvents } from './openlineage-file';

const SHOWN_REJECTIONS = 5;

/**
 * Import an OpenLineage file (.json, .jsonl, Marquez export) as one snapshot observed at its latest event time.
 * Events are written as they are read (a .jsonl file streams in flat memory); any refused event refuses the
 * whole file, naming file, line and reason, and the transaction rolls back, so nothing is half-imported.
 */
export async function importOpenLineageFile(deps: ImportDeps, path: string, job?: JobControl): Promise<ImportSummary> {
  const file = basename(path);
  const contentSha256 = await sha256File(path).catch(() => {
    throw new AttestError('not-found', `Cannot read ${path}.`, 'Check the path and that the file is readable.');
  });
  // Lineage events are facts, so the file is not ordered against others; its time is its latest event's.
  const provisional = toIso(deps.clock.now());
  return importFromSource(
    deps,
    { kind: 'openlineage', source: `openlineage-file:${resolve(path)}`, label: file, observedAt: provisional, contentSha256, scope: 'incremental', ordered: false },
    async (session) => {
      const rejected: { line: number; reason: string }[] = [];
      let refused = 0;
      let accepted = 0;
      let latest = '';
      for await (const { line, check } of readLineageEvents(path)) {
        if (!check.ok) {
          refused += 1;
          // Only the first reasons are kept: a huge bad file must not fill memory with them.
          if (rejected.length < 100) rejected.push({ line, reason: check.reason });
          continue;
        }
        accepted += 1;
        const at = lineageEventInstant(check.event.eventTime);
        if (at > latest) latest = at;
        if (refused === 0) session.writeRecord('openlineage-events', check.event, file, line);
        if (accepted % 1000 === 0) job?.throwIfCancelled();
      }
      if (refused > 0) throw refusal(file, rejected, refused, accepted);
      if (accepted === 0) throw new AttestError('bad-input', `${file} holds no OpenLineage events.`, 'Check that this is the file you meant.');
      return { observedAt: latest };
    },
    job,
  );
}

function refusal(file: string, rejected: { line: number; reason: string }[], refused: number, accepted: number): AttestError {
  const lines = rejected.slice(0, SHOWN_REJECTIONS).map((r) => `${file}, line ${r.line}: the event ${r.reason}`);
  const more = refused > SHOWN_REJECTIONS ? ` (and ${refused - SHOWN_REJECTIONS} more)` : '';
  return new AttestError(
    'bad-input',
    `${refused} of ${refused + accepted} OpenLineage events refused; nothing was imported. ${lines.join('; ')}${more}.`,
    'Fix or remove those events (docs/lineage.md says what Attest requires), then import the file again.',
    { rejected: rejected.map((r) => ({ file, ...r })) },
  );
}
