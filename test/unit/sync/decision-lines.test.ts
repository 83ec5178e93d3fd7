import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../../electron/main/sync/duplicate-keys';
import { type PipeShape, pipeDecisionLines } from '../../../electron/main/sync/decision-lines-client';
import type { DecisionChunk, EncodedRows } from '../../../electron/main/sync/decision-lines-protocol';
import { DecisionChunkEncoder } from '../../../electron/main/sync/decision-lines';
import { isStringifyOf, storedJsonOf } from '../../../electron/main/sync/decision-rows';
import { fastDecision } from '../../../electron/main/sync/fast-checks';
import { MAX_LINE_BYTES } from '../../../electron/main/sync/json-lines';
import type { DecisionRecord } from '../../../shared/schemas/bundle';

const WHERE = 'b.attest: member decisions/decisions.jsonl';
const line = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ decisionId: `D-${i}`, model: 'm', version: '1', decidedAt: '2026-01-01T00:00:00.000Z', inputs: { x: i, s: 'é€😀' }, outputs: { p: [0.5] }, ...extra });

/** The rows of a chunk as SQLite's `->>` reads them back (JSON strings unescaped once). */
const rowsOf = (c: EncodedRows) => JSON.parse(new TextDecoder().decode(c.rowsJson)) as unknown[][];

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve(); // as a file stream would: chunks arrive on later turns
    yield bytes.subarray(at, at + size);
  }
}

/** Two workers and pieces of a line or two, so lines, characters and refusals fall on every kind of cut. */
const SMALL: PipeShape = { workers: 2, pieceBytes: 64 };

/** Each chunk with its rows decoded inside `write`: after it returns, the rows' buffer goes back to the worker. */
async function pipeAll(text: string, size: number, shape = SMALL): Promise<(DecisionChunk & { rows: unknown[][] })[]> {
  const out: (DecisionChunk & { rows: unknown[][] })[] = [];
  await pipeDecisionLines(
    chunked(Buffer.from(text), size),
    WHERE,
    (c) => {
      out.push({ ...c, rows: rowsOf(c) });
      if (c.error) throw new Error(c.error.message);
    },
    shape,
  );
  return out;
}

describe('DecisionChunkEncoder', () => {
  it('encodes rows as FactWriter stores them, with zod defaults, the zod fallback and each version once', () => {
    const encoder = new DecisionChunkEncoder(WHERE);
    const offset = line(2, { decidedAt: '2026-01-01T01:00:00+01:00', requestId: 'R', decision: 'OK', attributes: { a: 1 } });
    const got = encoder.encode(Buffer.from(`${line(1)}\n\n${offset}\n${line(4, { version: '2' })}\n${line(5)}\n`), 0);
    expect(got.error).toBeNull();
    expect(got.count).toBe(4);
    expect(got.versions).toEqual([{ model: 'm', version: '1', line: 1 }, { model: 'm', version: '2', line: 4 }]);
    expect(rowsOf(got)).toEqual([
      ['D-1', 0, '2026-01-01T00:00:00.000Z', null, '{"x":1,"s":"é€😀"}', '{"p":[0.5]}', null, '{}'],
      ['D-2', 0, '2026-01-01T01:00:00+01:00', 'R', '{"x":2,"s":"é€😀"}', '{"p":[0.5]}', 'OK', '{"a":1}'],
      ['D-4', 1, '2026-01-01T00:00:00.000Z', null, '{"x":4,"s":"é€😀"}', '{"p":[0.5]}', null, '{}'],
      ['D-5', 0, '2026-01-01T00:00:00.000Z', null, '{"x":5,"s":"é€😀"}', '{"p":[0.5]}', null, '{}'],
    ]);
  });

  it('refuses a chunk with a line that is not JSON before checking any record of it (one-thread order)', () => {
    const encoder = new DecisionChunkEncoder(WHERE);
    const got = encoder.encode(Buffer.from(`${line(1)}\n${line(2, { decidedAt: 'soon' })}\n{oops\n`), 0);
    expect(got.count).toBe(0);
    expect(got.error?.message).toBe(`${WHERE}, line 3: not valid JSON.`);
    // After a refusal nothing more is encoded: the main thread stops at that piece.
    expect(encoder.encode(Buffer.from(`${line(4)}\n`), 3).count).toBe(0);
  });

  it('keeps the rows before a schema error, with only their versions, and names the line and field', () => {
    const encoder = new DecisionChunkEncoder(WHERE);
    const got = encoder.encode(Buffer.from(`${line(1)}\n${line(2, { decidedAt: 'soon' })}\n${line(3, { version: '9' })}\n`), 0);
    expect(got.count).toBe(1);
    expect(got.versions).toEqual([{ model: 'm', version: '1', line: 1 }]);
    expect(got.error?.message).toMatch(new RegExp(`^${WHERE}, line 2: decidedAt: `));
    expect(got.error?.code).toBe('bad-input');
  });

  it('numbers lines after the ones before the piece, and parses a last line that has no newline', () => {
    const encoder = new DecisionChunkEncoder(WHERE);
    const got = encoder.encode(Buffer.from(`${line(1)}\n\n${line(3, { version: '2' })}`), 1000);
    expect(got.versions).toEqual([{ model: 'm', version: '1', line: 1001 }, { model: 'm', version: '2', line: 1003 }]);
    expect(rowsOf(got).map((r) => r[0])).toEqual(['D-1', 'D-3']);
    expect(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`${line(1)}\n{oops`), 41).error?.message).toBe(`${WHERE}, line 43: not valid JSON.`);
  });

  it('drops a byte-order mark only at the start of the member, as one stream of the member does', () => {
    expect(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`\uFEFF${line(1)}\n`), 0).count).toBe(1);
    expect(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`\uFEFF${line(5)}\n`), 4).error?.message).toBe(`${WHERE}, line 5: not valid JSON.`);
  });
});

describe('pipeDecisionLines', () => {
  it('hands back every line in order across many small chunks, UTF-8 split between them', async () => {
    const text = Array.from({ length: 500 }, (_, i) => line(i + 1)).join('\n');
    const chunks = await pipeAll(text, 7);
    expect(chunks.flatMap((c) => c.rows.map((r) => r[0]))).toEqual(Array.from({ length: 500 }, (_, i) => `D-${i + 1}`));
    expect(chunks.reduce((n, c) => n + c.bytes, 0)).toBe(Buffer.byteLength(text));
  });

  it('refuses a U+FEFF that starts a later piece, as it is no byte-order mark there', async () => {
    expect((await pipeAll(`\uFEFF${line(1)}\n${line(2)}\n`, 50)).flatMap((c) => c.rows.map((r) => r[0]))).toEqual(['D-1', 'D-2']);
    await expect(pipeAll(`${line(1)}\n${line(2)}\n\uFEFF${line(3)}\n`, 50)).rejects.toThrow(`${WHERE}, line 3: not valid JSON.`);
  });

  it('refuses a line longer than MAX_LINE_BYTES after handing over the lines before it, without waiting for its end', async () => {
    const bytes = Buffer.concat([Buffer.from(`${line(1)}\n${line(2)}\n`), Buffer.alloc(MAX_LINE_BYTES + (2 << 20), 0x78), Buffer.from('\n')]);
    const seen: unknown[] = [];
    const run = pipeDecisionLines(
      chunked(bytes, 1 << 20),
      WHERE,
      (c) => {
        seen.push(...rowsOf(c).map((r) => r[0]));
        if (c.error) throw new Error(c.error.message);
      },
      SMALL,
    );
    await expect(run).rejects.toThrow(`${WHERE}, line 3 is longer than 64 MiB.`);
    expect(seen).toEqual(['D-1', 'D-2']);
  });

  it('stops at the first refusal in member order, with its line', async () => {
    const text = `${Array.from({ length: 300 }, (_, i) => line(i + 1)).join('\n')}\n{"decisionId":"D","decisionId":"E"}\n${line(302)}\n`;
    await expect(pipeAll(text, 1000)).rejects.toThrow(`${WHERE}, line 301: duplicate key "decisionId" in one object.`);
  });

  it('names the line of a byte that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(`${line(1)}\n${line(2)}\n`), Buffer.from([0xff]), Buffer.from('\n')]);
    const seen: unknown[] = [];
    const run = pipeDecisionLines(
      chunked(bytes, 64),
      WHERE,
      (c) => {
        seen.push(...rowsOf(c).map((r) => r[0]));
        if (c.error) throw new Error(c.error.message);
      },
      SMALL,
    );
    await expect(run).rejects.toThrow(`${WHERE}, line 3: the bytes are not valid UTF-8.`);
    // Pieces end at line ends, so the lines before the bad byte are whole pieces, handed over first.
    expect(seen).toEqual(['D-1', 'D-2']);
  });
});

describe('duplicate keys in decision lines', () => {
  it('refuses a repeated key in a line that otherwise reads as JSON.stringify writes it', () => {
    const canonical = line(1);
    const nested = canonical.replace('"inputs":{"x":1,', '"inputs":{"x":1,"x":2,');
    const top = canonical.replace('"model":"m",', '"model":"m","model":"m",');
    for (const [text, key] of [[nested, 'x'], [top, 'model']] as const) {
      expect(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`${canonical}\n${text}\n`), 0).error?.message).toBe(`${WHERE}, line 2: duplicate key "${key}" in one object.`);
    }
  });

  it('takes a line as JSON.stringify writes it without a scan, and any other spelling of it with one', () => {
    const value = JSON.parse(line(1)) as Record<string, unknown>;
    const stored = storedJsonOf(fastDecision(value) as DecisionRecord);
    expect(isStringifyOf(line(1), value, stored)).toBe(true);
    expect(isStringifyOf(line(1).replaceAll('","', '", "'), value, stored)).toBe(false);
    expect(isStringifyOf(line(1).replace('"x":1', '"x":1.0'), value, stored)).toBe(false);
    expect(isStringifyOf(line(1).replace('"s":"é', '"s":"\\u00e9'), value, stored)).toBe(false);
    // Any repeated input, whatever its key and value, makes the line differ from what stringify writes.
    const feature = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), feature, { minKeys: 1 }), fc.nat(), (inputs, pick) => {
        const text = JSON.stringify({ decisionId: 'D', model: 'm', version: '1', decidedAt: '2026-01-01T00:00:00.000Z', inputs, outputs: {} });
        const key = Object.keys(inputs)[pick % Object.keys(inputs).length] as string;
        const repeated = text.replace('"inputs":{', () => `"inputs":{${JSON.stringify(key)}:${JSON.stringify(inputs[key])},`);
        const parsed = JSON.parse(repeated) as Record<string, unknown>;
        const fast = fastDecision(parsed);
        return fast === null || !isStringifyOf(repeated, parsed, storedJsonOf(fast));
      }),
    );
    // Spelled differently, the same record is stored the same, as the row-by-row path stores it.
    const spaced = line(1).replaceAll('","', '", "').replaceAll('":', '": ');
    expect(rowsOf(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`${spaced}\n`), 0))).toEqual(rowsOf(new DecisionChunkEncoder(WHERE).encode(Buffer.from(`${line(1)}\n`), 0)));
  });
});

describe('findDuplicateKey', () => {
  it('tells escaped quotes from closing ones', () => {
    expect(findDuplicateKey(String.raw`{"a\\":1,"a\\":2}`)).toBe('a\\');
    expect(findDuplicateKey(String.raw`{"a\"":1,"a":2}`)).toBeNull();
    expect(findDuplicateKey(String.raw`{"x":"\\\"","y":[{"k":1},{"k":2}],"z":{"k":1,"k":3}}`)).toBe('k');
  });
});
