import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { toErrorPayload } from '../core/errors';
import { checkRecord } from './bundle-layout';
import type { ChunkVersion, EncodedRows } from './decision-lines-protocol';
import { fastDecision } from './fast-checks';
import { type JsonLine, JsonLineSplitter } from './json-lines';

const json = JSON.stringify;
const utf8 = new TextEncoder();
/** Buffers kept for reuse: the pieces in flight and one more. */
const MAX_SPARES = 12;
/** A piece is about a reader chunk (64 KiB); its rows take a little more. */
const MIN_BUFFER = 128 * 1024;

/**
 * Everything about a decision line that needs no database: UTF-8, line splitting, JSON, duplicate keys, the
 * record schema and the JSON the insert stores. It runs in the decision-lines workers so that this work, most of
 * an import's CPU time, overlaps with the main thread's inserts; its output is one string per piece, so the main
 * thread receives no per-row objects to collect. Pieces hold whole lines (DecisionLineCutter), so any worker can
 * encode any piece.
 */
export class DecisionChunkEncoder {
  // After a refusal the main thread stops at that piece, so later ones are not worth encoding.
  private failed = false;
  private readonly spares: ArrayBuffer[] = [];

  constructor(private readonly where: string) {}

  /** A buffer the main thread is done with, to encode a later piece into. */
  giveBack(buffer: ArrayBuffer): void {
    if (this.spares.length < MAX_SPARES) this.spares.push(buffer);
  }

  /** Encode a piece of whole lines (the last of a member may lack its newline) that follows `linesBefore` lines. */
  encode(piece: Uint8Array, linesBefore: number): EncodedRows {
    let rows: string[] = [];
    let versions = new ChunkVersions();
    let refusal: unknown = null;
    if (this.failed) return { rowsJson: new Uint8Array(), count: 0, versions: [], error: null };
    try {
      const splitter = new JsonLineSplitter(this.where, linesBefore);
      // Each record is checked and encoded as soon as it is parsed, so its objects die young (a small worker heap).
      const each = ({ line, value }: JsonLine) => {
        // After a refused record the rest of the piece is still parsed: a one-thread import parses a whole chunk
        // before writing any of it, so a later line that is not JSON is the refusal it reports.
        if (refusal !== null) return;
        try {
          const d = fastDecision(value) ?? (checkRecord('decisions', value, this.where, line) as DecisionRecord);
          rows.push(encodeRow(d, versions.indexOf(d.model, d.version, line)));
        } catch (caught) {
          refusal = caught;
        }
      };
      splitter.pushEach(piece, each);
      splitter.end().forEach(each);
    } catch (caught) {
      // Refused while splitting (not JSON, a duplicate key, not UTF-8): none of the piece is written.
      [rows, versions, refusal] = [[], new ChunkVersions(), caught];
    }
    if (refusal !== null) this.failed = true;
    const error = refusal === null ? null : toErrorPayload(refusal);
    return { rowsJson: this.toUtf8(`[${rows.join(',')}]`), count: rows.length, versions: versions.list, error };
  }

  /** `text` as UTF-8, in a spare buffer when one is large enough. */
  private toUtf8(text: string): Uint8Array<ArrayBuffer> {
    const spare = this.spares.pop();
    if (spare) {
      const { read, written } = utf8.encodeInto(text, new Uint8Array(spare));
      if (read === text.length) return new Uint8Array(spare, 0, written);
    }
    // Room for a larger chunk next time: a spare that was too small is dropped and this one comes back instead.
    const fresh = new Uint8Array(Math.max(MIN_BUFFER, text.length * 3));
    return fresh.subarray(0, utf8.encodeInto(text, fresh).written);
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
