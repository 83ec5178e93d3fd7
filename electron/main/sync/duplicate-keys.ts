/**
 * The first key that appears twice in one JSON object of `text`, or null. JSON.parse keeps the last of two equal
 * keys silently; in evidence that is a record saying two things, so Attest refuses it. A single pass over the
 * text, aware of strings and escapes; it assumes `text` already parsed as JSON.
 */
export function findDuplicateKey(text: string): string | null {
  const stack: string[][] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Strings first: most of a record's characters are in them.
    if (c === 0x22 /* " */) {
      const end = endOfString(text, i);
      const keys = stack[stack.length - 1];
      if (keys !== undefined && keys !== ARRAY_MARK && nextNonSpace(text, end + 1) === 0x3a /* : */) {
        const key = text.slice(i + 1, end);
        if (keys.includes(key)) return JSON.parse(`"${key}"`) as string;
        keys.push(key);
      }
      i = end;
    } else if (c === 0x7b /* { */) stack.push([]);
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x5b /* [ */) stack.push(ARRAY_MARK);
  }
  return null;
}

/** Arrays share one frozen marker: their strings are values, never keys. */
const ARRAY_MARK: string[] = Object.freeze([]) as unknown as string[];

/**
 * The closing quote of the string opened at `start`: the next quote preceded by an even run of backslashes.
 * indexOf jumps there natively; this runs once per key and value of every decision of a log.
 */
function endOfString(text: string, start: number): number {
  for (let q = text.indexOf('"', start + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    let b = q - 1;
    while (text.charCodeAt(b) === 0x5c /* \ */) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
  return text.length;
}

function nextNonSpace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c;
  }
  return -1;
}
