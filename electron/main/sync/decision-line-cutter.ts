import { MAX_LINE_BYTES, lineTooLong } from './json-lines';

const NEWLINE = 0x0a;

/** Whole lines of a member, ready for any decision-lines worker: bytes to copy, in order, and where they start. */
export interface LinePiece {
  /** The bytes of the piece, as slices of the reader's chunks (a line split across chunks spans several). */
  parts: Buffer[];
  length: number;
  /** How many lines of the member come before this piece (so its first line is `linesBefore + 1`). */
  linesBefore: number;
  /** Reader bytes consumed since the previous piece, for progress. */
  bytes: number;
}

/**
 * Cuts a member's chunks at line ends, carrying the unterminated tail into the next piece, so that the pieces
 * can be encoded by several workers at once and still name every line by its number in the member. A newline
 * byte is never part of a multi-byte UTF-8 character, so each piece is whole UTF-8 if the member is. The tail is
 * refused once longer than MAX_LINE_BYTES, as the one-thread splitter does, before it is buffered whole.
 */
export class DecisionLineCutter {
  private tail: Buffer[] = [];
  private tailLength = 0;
  private lines = 0;
  private bytes = 0;

  constructor(private readonly where: string) {}

  /** The whole lines `chunk` completes, or null while a line is still open; throws on a line that is too long. */
  push(chunk: Buffer): LinePiece | null {
    this.bytes += chunk.length;
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline === -1) {
      this.carry(chunk);
      return null;
    }
    const head = chunk.subarray(0, lastNewline + 1);
    const piece = this.take([...this.tail, head], this.tailLength + head.length);
    this.lines += countNewlines(head);
    this.tail = [];
    this.tailLength = 0;
    this.carry(chunk.subarray(lastNewline + 1));
    return piece;
  }

  /** What is left at the end of the member: its last line when that has no newline (else an empty piece). */
  end(): LinePiece {
    return this.take(this.tail, this.tailLength);
  }

  private carry(rest: Buffer): void {
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailLength += rest.length;
    if (this.tailLength > MAX_LINE_BYTES) throw lineTooLong(this.where, this.lines + 1);
  }

  private take(parts: Buffer[], length: number): LinePiece {
    const piece = { parts, length, linesBefore: this.lines, bytes: this.bytes };
    this.bytes = 0;
    return piece;
  }
}

/** Newlines in `bytes`; indexOf runs natively, once per line. */
function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}
