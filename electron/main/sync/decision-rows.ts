import type { DecisionRecord } from '../../../shared/schemas/bundle';

const json = JSON.stringify;
const utf8 = new TextEncoder();
/**
 * Rows stringified at once: enough that V8's native stringify does the escaping in bulk, few enough that the
 * rows die before a young-generation collection would move them to the old one.
 */
const BATCH_ROWS = 64;

/** A row of EncodedRows.rowsJson: decisionId, version index, decidedAt, requestId, inputs, outputs, decision, attributes. */
export type DecisionRow = [string, number, string, string | null, string, string, string | null, string];

/** The JSON texts a decision's row stores for its inputs, outputs and attributes (FactWriter.writeDecision's). */
export interface StoredJson {
  inputs: string;
  outputs: string;
  attributes: string;
}

export function storedJsonOf(d: DecisionRecord): StoredJson {
  return { inputs: json(d.inputs), outputs: json(d.outputs), attributes: json(d.attributes) };
}

/** One decision as a row of EncodedRows.rowsJson. */
export function rowOf(d: DecisionRecord, versionIndex: number, stored = storedJsonOf(d)): DecisionRow {
  // Inputs, outputs and attributes go in as JSON text, stringified again with the row: the inner text is what is
  // stored, byte for byte.
  return [d.decisionId, versionIndex, d.decidedAt, d.requestId ?? null, stored.inputs, stored.outputs, d.decision ?? null, stored.attributes];
}

/**
 * Whether `text` is exactly JSON.stringify(value), where `value` is the record parsed from `text`, the fast check
 * accepted it (so every key is a plain decision key) and `stored` holds its members' JSON. JSON.stringify never
 * writes a key twice, so such a line has no duplicate key; most producers (Attest among them) write exactly this,
 * and the comparison costs a fraction of a duplicate-key scan. Any other text (spacing, escapes, number forms,
 * a repeated key) is not this form and gets the scan.
 */
export function isStringifyOf(text: string, value: Record<string, unknown>, stored: StoredJson): boolean {
  let form = '{';
  for (const key in value) {
    const member = key === 'inputs' ? stored.inputs : key === 'outputs' ? stored.outputs : key === 'attributes' ? stored.attributes : json(value[key]);
    // Decision keys are plain ASCII words: their JSON is the key in quotes.
    form += `${form.length === 1 ? '' : ','}"${key}":${member}`;
  }
  return `${form}}` === text;
}

/**
 * Writes a piece's rows as one JSON array, in UTF-8, into a buffer that is reused from piece to piece (and
 * grown when a piece needs more). Rows are written a batch at a time, so neither they nor a piece-long string
 * outlive the young generation.
 */
export class RowsJsonWriter {
  count = 0;
  private batch: DecisionRow[] = [];
  private bytes: Uint8Array<ArrayBuffer>;
  private length = 0;

  constructor(buffer: ArrayBuffer) {
    this.bytes = new Uint8Array(buffer);
  }

  push(row: DecisionRow): void {
    this.batch.push(row);
    this.count++;
    if (this.batch.length === BATCH_ROWS) this.flush();
  }

  /** Forget every row (the piece is refused as a whole). */
  clear(): void {
    this.batch = [];
    this.count = 0;
    this.length = 0;
  }

  /** The array's bytes, a view of the writer's buffer. */
  finish(): Uint8Array<ArrayBuffer> {
    this.flush();
    this.put(this.count === 0 ? '[]' : ']');
    return this.bytes.subarray(0, this.length);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const at = this.length;
    // Each batch is an array of its own: its '[' becomes the ',' after the batch before, and its ']' is dropped.
    this.put(json(this.batch));
    if (at > 0) this.bytes[at] = 0x2c; /* , */
    this.length--;
    this.batch = [];
  }

  private put(text: string): void {
    for (;;) {
      const { read, written } = utf8.encodeInto(text, this.bytes.subarray(this.length));
      if (read === text.length) {
        this.length += written;
        return;
      }
      // Too small for this piece: a larger buffer, which then serves the pieces after it.
      const larger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + text.length * 3));
      larger.set(this.bytes.subarray(0, this.length));
      this.bytes = larger;
    }
  }
}
