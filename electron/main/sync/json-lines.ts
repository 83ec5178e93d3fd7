import { AttestError } from '../core/errors';
import { findDuplicateKey } from './duplicate-keys';

/** Longer lines are refused before they are buffered whole: no record Attest imports comes near this. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** The refusal of line `line` of `where`, longer than MAX_LINE_BYTES (also met by the decision-line cutter). */
export function lineTooLong(where: string, line: number): AttestError {
  return new AttestError('bad-input', `${where}, line ${line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MiB.`, 'No Attest record is that long; the file is damaged or not what it claims to be. Nothing was imported.');
}

/** One parsed line: its 1-based line number and value. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** A batch of parsed lines and the bytes they came from (for progress). */
export interface JsonLineBatch {
  lines: JsonLine[];
  bytes: number;
}

/**
 * Parse JSON lines from a stream of chunks, yielding one batch per chunk so a caller can check for cancel and
 * report progress without a per-line await. See JsonLineSplitter for what is refused.
 */
export async function* jsonLineBatches(chunks: AsyncIterable<Buffer>, where: string): AsyncGenerator<JsonLineBatch> {
  const splitter = new JsonLineSplitter(where);
  for await (const chunk of chunks) yield { lines: splitter.push(chunk), bytes: chunk.length };
  const last = splitter.end();
  if (last.length > 0) yield { lines: last, bytes: 0 };
}

/**
 * Splits and parses JSON lines chunk by chunk, synchronously, so the decision-lines worker runs the very same
 * code as the main thread. Blank lines are skipped. Refused, naming `where` and the line: a line that is not
 * JSON, an object with a key twice, bytes that are not UTF-8 (never silently replaced), and a line longer than
 * MAX_LINE_BYTES. UTF-8 split across chunks is reassembled. A chunk's lines are all parsed before any is
 * returned, so a bad line refuses its whole chunk before a record of it is written.
 */
export class JsonLineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  // The unterminated tail, kept as pieces: re-joining and re-splitting it on every chunk is quadratic on long lines.
  private tail: string[] = [];
  private tailLength = 0;
  private lineNo = 0;

  constructor(private readonly where: string) {}

  /** The complete lines `chunk` ends (with any tail carried from earlier chunks). */
  push(chunk: Uint8Array): JsonLine[] {
    const lines: JsonLine[] = [];
    this.pushEach(chunk, (line) => lines.push(line));
    return lines;
  }

  /**
   * As push, handing each line to `each` as soon as it is parsed, so a caller need not hold a chunk's values at
   * once. A refusal thrown after some lines were handed over refuses the whole chunk: a caller that must not act
   * on part of a chunk keeps what `each` produced until this returns.
   */
  pushEach(chunk: Uint8Array, each: (line: JsonLine) => void): void {
    const text = this.decode(chunk);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const parsed = this.parse(this.tail.length > 0 ? this.tail.join('') + text.slice(from, nl) : text.slice(from, nl));
      this.tail = [];
      this.tailLength = 0;
      if (parsed) each(parsed);
      from = nl + 1;
    }
    if (from < text.length) {
      this.tail.push(text.slice(from));
      this.tailLength += text.length - from;
      if (this.tailLength > MAX_LINE_BYTES) throw lineTooLong(this.where, this.lineNo + 1);
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): JsonLine[] {
    const last = this.parse(this.tail.join('') + this.decode(undefined));
    return last ? [last] : [];
  }

  private parse(text: string): JsonLine | null {
    return parseLine(text, ++this.lineNo, this.where);
  }

  private decode(chunk: Uint8Array | undefined): string {
    try {
      return chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode();
    } catch {
      throw notUtf8(this.where, this.lineNo + 1 + countNewlinesBeforeBadByte(chunk));
    }
  }
}

// Whole lines need no state from the bytes before them; only the start of a member may begin with a byte-order
// mark, which TextDecoder drops, so elsewhere a U+FEFF stays in the line (and is refused, as one stream refuses it).
const memberStart = new TextDecoder('utf-8', { fatal: true });
const afterStart = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parse `bytes` holding whole lines (the last may lack its newline) that follow the first `linesBefore` lines of
 * `where`, with JsonLineSplitter's refusals, handing each to `each` with its text; returns how many lines it held.
 * Nothing is carried from the bytes before, so a member cut at line ends can be parsed piece by piece on several
 * threads. With `duplicateKeys` 'checked-by-caller', `each` must refuse duplicate keys itself (duplicateKeyRefusal)
 * before it acts on the line: the decision encoder has a cheaper proof for most lines.
 */
export function parseLines(
  bytes: Uint8Array,
  linesBefore: number,
  where: string,
  each: (line: JsonLine, text: string) => void,
  duplicateKeys: 'refused' | 'checked-by-caller' = 'refused',
): number {
  let text: string;
  try {
    text = (linesBefore === 0 ? memberStart : afterStart).decode(bytes);
  } catch {
    throw notUtf8(where, linesBefore + 1 + countNewlinesBeforeBadByte(bytes));
  }
  const refuseDuplicates = duplicateKeys === 'refused';
  let line = linesBefore;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    const lineText = text.slice(from, nl === -1 ? text.length : nl);
    const parsed = parseLine(lineText, ++line, where, refuseDuplicates);
    if (parsed) each(parsed, lineText);
    from = nl === -1 ? text.length : nl + 1;
  }
  return line - linesBefore;
}

function notUtf8(where: string, line: number): AttestError {
  return new AttestError('bad-input', `${where}, line ${line}: the bytes are not valid UTF-8.`, 'Files must be UTF-8; re-export the file. Nothing was imported.');
}

/** Parse one line: blank lines are skipped; not-JSON and duplicated keys are refused with the line number. */
function parseLine(text: string, lineNo: number, where: string, refuseDuplicates = true): JsonLine | null {
  // A record starts with `{`; only other lines are worth trimming (trim copies, once per line of millions).
  if (text.charCodeAt(0) !== 0x7b && text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new AttestError('bad-input', `${where}, line ${lineNo}: not valid JSON.`, 'Each line must hold one JSON object.');
  }
  const duplicate = refuseDuplicates ? findDuplicateKey(text) : null;
  if (duplicate !== null) throw duplicateKeyRefusal(where, lineNo, duplicate);
  return { line: lineNo, value };
}

/** The refusal of line `line` of `where`, an object of which has `key` twice. */
export function duplicateKeyRefusal(where: string, line: number, key: string): AttestError {
  return new AttestError('bad-input', `${where}, line ${line}: duplicate key "${key}" in one object.`, 'Each key may appear once in an object; fix the producer of this file. Nothing was imported.');
}

/** Lines completed in `chunk` before its first byte that is not UTF-8 (to name the line of a bad byte). */
function countNewlinesBeforeBadByte(chunk: Uint8Array | undefined): number {
  if (!chunk) return 0;
  const lenient = new TextDecoder('utf-8').decode(chunk);
  const bad = lenient.indexOf('\uFFFD');
  return (bad === -1 ? lenient : lenient.slice(0, bad)).split('\n').length - 1;
}
