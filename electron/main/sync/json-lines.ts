import { StringDecoder } from 'node:string_decoder';
import { AttestError } from '../core/errors';

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
 * report progress without a per-line await. Blank lines are skipped; a line that is not JSON is an error naming
 * `where` and the line number. UTF-8 split across chunks is reassembled.
 */
export async function* jsonLineBatches(chunks: AsyncIterable<Buffer>, where: string): AsyncGenerator<JsonLineBatch> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 0;
  const parse = (text: string): JsonLine | null => {
    lineNo += 1;
    if (text.trim() === '') return null;
    try {
      return { line: lineNo, value: JSON.parse(text) as unknown };
    } catch {
      throw new AttestError('bad-input', `${where}, line ${lineNo}: not valid JSON.`, 'Each line must hold one JSON object.');
    }
  };
  for await (const chunk of chunks) {
    const text = carry + decoder.write(chunk);
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    const lines: JsonLine[] = [];
    for (const part of parts) {
      const parsed = parse(part);
      if (parsed) lines.push(parsed);
    }
    yield { lines, bytes: chunk.length };
  }
  const last = parse(carry + decoder.end());
  if (last) yield { lines: [last], bytes: 0 };
}
