import { describe, expect, it } from 'vitest';
import { readFirstScreenData } from '../../../renderer/src/features/inventory/first-window';

/** Just enough of a document: the data block's text, or no block at all. */
const pageWith = (text: string | null) => ({ getElementById: () => (text === null ? null : { textContent: text }) }) as unknown as Document;

describe('the pre-rendered first window, as the console reads it from its page', () => {
  it('reads the data block main wrote', () => {
    const data = { key: '{"text":""}', envelope: { ok: true, value: { rows: [] } }, viewHeight: 1000 };
    expect(readFirstScreenData(pageWith(JSON.stringify(data)))).toEqual(data);
  });

  it('reads nothing, rather than fail, from a page without one or with one it cannot use', () => {
    for (const text of [null, '', 'not json', 'null', '{"key":"k","viewHeight":1000}', '{"key":1,"envelope":{"ok":true},"viewHeight":1000}', '{"key":"k","envelope":{"ok":"yes"},"viewHeight":1000}']) {
      expect(readFirstScreenData(pageWith(text))).toBeNull();
    }
  });
});
