import type { DecisionRecord } from '../../../shared/schemas/bundle';
import { toErrorPayload } from '../core/errors';
import { checkRecord } from './bundle-layout';
import { PIECE_BYTES } from './decision-line-cutter';
import type { ChunkVersion, EncodedRows } from './decision-lines-protocol';
import { RowsJsonWriter, isStringifyOf, rowOf, storedJsonOf } from './decision-rows';
import { findDuplicateKey } from './duplicate-keys';
import { fastDecision } from './fast-checks';
import { type JsonLine, duplicateKeyRefusal, parseLines } from './json-lines';

/** Buffers kept for reuse: the pieces in flight and one more. */
const MAX_SPARES = 12;
/** A piece's rows take a little more than its lines. */
const MIN_BUFFER = PIECE_BYTES * 1.5;
/** Bytes decoded to one string: under V8's large-object size (128 KiB) even at two bytes a character. */
const DECODE_BYTES = 32 * 1024;
const NEWLINE = 0x0a;

/**
 * Everything about a decision line that needs no database: UTF-8, line splitting, JSON, duplicate keys, the
 * record schema and the JSON the insert stores. It runs in the decision-lines workers so that this work, most of
 * an import's CPU time, overlaps with the main thread's inserts; its output is one JSON text per piece, as UTF-8
 * bytes in a buffer that goes back and forth, so the main thread receives no per-row objects to collect. Pieces
 * hold whole lines (DecisionLineCutter), so any worker can encode any piece.
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
    const rows = new RowsJsonWriter(this.spares.pop() ?? new ArrayBuffer(MIN_BUFFER));
    let versions = new ChunkVersions();
    let refusal: unknown = null;
    if (this.failed) return { rowsJson: rows.finish(), count: 0, versions: [], error: null };
    try {
      // Each record is checked and encoded as soon as it is parsed, so its objects die young (a small worker heap).
      const each = ({ line, value }: JsonLine, text: string) => {
        const fast = fastDecision(value);
        const stored = fast && storedJsonOf(fast);
        // Duplicate keys refuse the piece like a line that is not JSON, whatever was refused before it.
        if (!stored || !isStringifyOf(text, value as Record<string, unknown>, stored)) refuseDuplicateKeys(text, line, this.where);
        // After a refused record the rest of the piece is still parsed: a one-thread import parses a whole chunk
        // before writing any of it, so a later line that is not JSON is the refusal it reports.
        if (refusal !== null) return;
        try {
          const d = fast ?? (checkRecord('decisions', value, this.where, line) as DecisionRecord);
          rows.push(rowOf(d, versions.indexOf(d.model, d.version, line), stored ?? undefined));
        } catch (caught) {
          refusal = caught;
        }
      };
      // Decoded a few lines at a time: a piece-long string would be too large for the young generation.
      let lines = linesBefore;
      for (let at = 0, end = 0; at < piece.length; at = end) {
        end = endOfSlice(piece, at);
        lines += parseLines(piece.subarray(at, end), lines, this.where, each, 'checked-by-caller');
      }
    } catch (caught) {
      // Refused while splitting (not JSON, a duplicate key, not UTF-8): none of the piece is written.
      rows.clear();
      [versions, refusal] = [new ChunkVersions(), caught];
    }
    if (refusal !== null) this.failed = true;
    const error = refusal === null ? null : toErrorPayload(refusal);
    return { rowsJson: rows.finish(), count: rows.count, versions: versions.list, error };
  }
}

function refuseDuplicateKeys(text: string, line: number, where: string): void {
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) throw duplicateKeyRefusal(where, line, duplicate);
}

/** Where the slice of `piece` from `at` ends: after the last line end within DECODE_BYTES, else after the next. */
function endOfSlice(piece: Uint8Array, at: number): number {
  const limit = at + DECODE_BYTES;
  if (limit >= piece.length) return piece.length;
  const last = piece.lastIndexOf(NEWLINE, limit - 1);
  if (last >= at) return last + 1;
  const next = piece.indexOf(NEWLINE, limit);
  return next === -1 ? piece.length : next + 1;
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
