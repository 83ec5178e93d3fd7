import { MAX_LINE_BYTES, lineTooLong } from './json-lines';

const NEWLINE = 0x0a;
/**
 * About how many bytes of whole lines go to a worker at once. Each piece costs a message each way, a reply to
 * check and one insert statement: pieces of 256 KiB rather than 64 KiB save the main thread about an eighth of
 * its time.
 */
export const PIECE_BYTES = 256 * 1024;

/** Whole lines of a member, ready for any decision-lines worker: bytes to copy, in order, and where they start. */
export interface LinePiece {
  /** The bytes of the piece, as slices of the reader's chunks (a line split across chunks spans several). */
  parts: Buffer[];
  length: number;
  /** How many lines of the member come before this piece (so its first line is `linesBefore + 1`). */
  linesBefore: number;
}

/**
 * Cuts a member's chunks into pieces of about PIECE_BYTES that end at line ends, carrying what follows the cut
 * into the next piece, so that the pieces can be encoded by several workers at once and still name every line
 * by its number in the member. A newline byte is never part of a multi-byte UTF-8 character, so each piece is
 * whole UTF-8 if the member is. A line still open is refused once longer than MAX_LINE_BYTES, as the
 * one-thread splitter does, before it is buffered whole.
 */
export class DecisionLineCutter {
  // Bytes carried since the last cut: whole lines, then the line still open.
  private parts: Buffer[] = [];
  private length = 0;
  private carriedLines = 0;
  private openLength = 0;
  private linesBefore = 0;

  constructor(
    private readonly where: string,
    private readonly pieceBytes = PIECE_BYTES,
  ) {}

  /** The pieces `chunk` fills (often none); throws on a line that is too long. */
  push(chunk: Buffer): LinePiece[] {
    const pieces: LinePiece[] = [];
    let from = 0;
    while (this.length + chunk.length - from >= this.pieceBytes) {
      const cut = this.cutIn(chunk, from);
      if (cut === -1) break;
      this.carry(chunk.subarray(from, cut + 1));
      pieces.push(this.take());
      from = cut + 1;
    }
    this.carry(chunk.subarray(from));
    return pieces;
  }

  /** What is left at the end of the member: whole lines and a last one without newline, or nothing. */
  end(): LinePiece {
    return this.take();
  }

  /** Where in `chunk` to end the next piece: the last line end that keeps it within size, else the first one. */
  private cutIn(chunk: Buffer, from: number): number {
    const limit = from + this.pieceBytes - this.length - 1;
    const last = limit >= from ? chunk.lastIndexOf(NEWLINE, limit) : -1;
    // No line ends in range (a long line): the piece ends with the first line end after it, if the chunk has one.
    return last >= from ? last : chunk.indexOf(NEWLINE, from);
  }

  private carry(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.length += bytes.length;
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline === -1) this.openLength += bytes.length;
    else {
      this.carriedLines += countNewlines(bytes);
      this.openLength = bytes.length - lastNewline - 1;
    }
    if (this.openLength > MAX_LINE_BYTES) throw lineTooLong(this.where, this.linesBefore + this.carriedLines + 1);
  }

  private take(): LinePiece {
    const piece = { parts: this.parts, length: this.length, linesBefore: this.linesBefore };
    this.linesBefore += this.carriedLines;
    this.parts = [];
    this.length = 0;
    this.carriedLines = 0;
    this.openLength = 0;
    return piece;
  }
}

/** Newlines in `bytes`; indexOf runs natively, once per line. */
function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}
