import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { toErrorPayload } from '../core/errors';
import { checkRecord } from './bundle-layout';
import type { ChunkVersion, DecisionChunk } from './decision-lines-protocol';
import { fastDecision } from './fast-checks';
import { type JsonLine, JsonLineSplitter } from './json-lines';

const json = JSON.stringify;
const utf8 = new TextEncoder();

/**
 * Everything about a decision line that needs no database: UTF-8, line splitting, JSON, duplicate keys, the
 * record schema and the JSON the insert stores. It runs in the decision-lines worker so that this work, most of
 * an import's CPU time, overlaps with the main thread's inserts; its output is one string per chunk, so the main
 * thread receives no per-row objects to collect.
 */
export class DecisionChunkEncoder {
  private readonly splitter: JsonLineSplitter;
  // After a refusal the splitter's state means nothing; the main thread stops at that chunk anyway.
  private failed = false;

  constructor(private readonly where: string) {
    this.splitter = new JsonLineSplitter(where);
  }

  /** Encode the lines `chunk` completes. */
  push(chunk: Uint8Array): DecisionChunk {
    return this.encode(() => this.splitter.push(chunk), chunk.byteLength);
  }

  /** Encode the last line, when the member does not end with a newline. */
  end(): DecisionChunk {
    return this.encode(() => this.splitter.end(), 0);
  }

  private encode(split: () => JsonLine[], bytes: number): DecisionChunk {
    const rows: string[] = [];
    const versions = new ChunkVersions();
    let error = null;
    if (!this.failed) {
      try {
        // The splitter parses all of a chunk's lines before returning, so a line that is not JSON refuses the
        // chunk before any of its records is checked: the order a one-thread import meets them in.
        for (const { line, value } of split()) {
          const d = fastDecision(value) ?? (checkRecord('decisions', value, this.where, line) as DecisionRecord);
          rows.push(encodeRow(d, versions.indexOf(d.model, d.version, line)));
        }
      } catch (caught) {
        this.failed = true;
        error = toErrorPayload(caught);
      }
    }
    return { rowsJson: utf8.encode(`[${rows.join(',')}]`), count: rows.length, versions: versions.list, bytes, error };
  }
}

/** One decision as the row array of DecisionChunk.rowsJson. */
export function encodeRow(d: DecisionRecord, versionIndex: number): string {
  // Inputs, outputs and attributes are stringified twice: the inner text is what is stored, byte for byte.
  return `[${json(d.decisionId)},${versionIndex},${json(d.decidedAt)},${json(d.requestId ?? null)},${json(json(d.inputs))},${json(json(d.outputs))},${json(d.decision ?? null)},${json(json(d.attributes))}]`;
}

/** The distinct model versions of a chunk, in order of first use (a log is mostly runs of one version). */
class ChunkVersions {
  readonly list: ChunkVersion[] = [];
  private last: ChunkVersion | null = null;
  private lastIndex = -1;

  indexOf(model: string, version: string, line: number): number {
    if (this.last?.model === model && this.last.version === version) return this.lastIndex;
    let index = this.list.findIndex((v) => v.model === model && v.version === version);
    if (index === -1) index = this.list.push({ model, version, line }) - 1;
    this.last = this.list[index] ?? null;
    this.lastIndex = index;
    return index;
  }
}
