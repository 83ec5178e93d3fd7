import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenLineageEvent } from '../../../shared/schemas/lineage';
import { AttestError } from '../core/errors';
import { jsonLineBatches } from './json-lines';
import { type LineageCheck, checkLineageEvent } from './openlineage-validate';

/** The events of one file, each with the line it starts on, split into accepted and refused. */
export interface LineageFileContent {
  accepted: { line: number; event: OpenLineageEvent }[];
  rejected: { line: number; reason: string }[];
}

/**
 * Read OpenLineage events from `.jsonl` (one event per line), or `.json` holding one event, an array of events,
 * or a Marquez export `{ "events": [...] }`, all into memory. Every event is checked (checkLineageEvent).
 */
export async function readLineageFile(path: string): Promise<LineageFileContent> {
  const content: LineageFileContent = { accepted: [], rejected: [] };
  for await (const { line, check } of readLineageEvents(path)) {
    if (check.ok) content.accepted.push({ line, event: check.event });
    else content.rejected.push({ line, reason: check.reason });
  }
  return content;
}

/** The events of a file one by one with their check; `.jsonl` files are streamed, so memory stays flat. */
export async function* readLineageEvents(path: string): AsyncGenerator<{ line: number; check: LineageCheck }> {
  if (path.endsWith('.jsonl') || path.endsWith('.ndjson')) {
    for await (const batch of jsonLineBatches(createReadStream(path), basename(path))) {
      for (const l of batch.lines) yield { line: l.line, check: checkLineageEvent(l.value) };
    }
    return;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AttestError('not-found', `Cannot read ${path}.`, 'Check the path and that the file is readable.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AttestError('bad-input', `${basename(path)} is not valid JSON (${(error as Error).message}).`, 'OpenLineage files are .json (an event, an array of events) or .jsonl (one event per line).');
  }
  const events = Array.isArray(value) ? value : isMarquezExport(value) ? value.events : [value];
  const lines = Array.isArray(value) || isMarquezExport(value) ? elementLines(text) : [1];
  for (const [i, event] of events.entries()) yield { line: lines[i] ?? 1, check: checkLineageEvent(event) };
}

function isMarquezExport(value: unknown): value is { events: unknown[] } {
  return value !== null && typeof value === 'object' && Array.isArray((value as { events?: unknown }).events);
}

/** The line on which each element of the file's first JSON array starts (a small scanner, strings aware). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let arrayDepth = -1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line += 1;
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (c === '[' && arrayDepth === -1) {
        arrayDepth = depth;
        expectElement = true;
      }
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === arrayDepth) expectElement = true;
  }
  return lines;
}
