import { describe, expect, it } from 'vitest';
import { rowAfterKey } from '../../../renderer/src/features/inventory/row-keys';

describe('rowAfterKey: moving the focus between Inventory rows by keyboard', () => {
  it('moves one row with the arrows, stopping at either end', () => {
    expect(rowAfterKey('ArrowDown', 5, 20_000, 19)).toBe(6);
    expect(rowAfterKey('ArrowUp', 5, 20_000, 19)).toBe(4);
    expect(rowAfterKey('ArrowUp', 0, 20_000, 19)).toBe(0);
    expect(rowAfterKey('ArrowDown', 19_999, 20_000, 19)).toBe(19_999);
  });

  it('moves a page less one row with Page Up/Down, so the row left behind stays in view', () => {
    expect(rowAfterKey('PageDown', 0, 20_000, 19)).toBe(18);
    expect(rowAfterKey('PageUp', 100, 20_000, 19)).toBe(82);
    expect(rowAfterKey('PageDown', 19_990, 20_000, 19)).toBe(19_999);
    // A body too short to hold two rows still moves one at a time.
    expect(rowAfterKey('PageDown', 3, 10, 1)).toBe(4);
  });

  it('goes to the first and last rows with Home and End', () => {
    expect(rowAfterKey('Home', 9_000, 20_000, 19)).toBe(0);
    expect(rowAfterKey('End', 3, 20_000, 19)).toBe(19_999);
  });

  it('leaves other keys, and an empty table, alone', () => {
    expect(rowAfterKey('Enter', 3, 20_000, 19)).toBeNull();
    expect(rowAfterKey('a', 3, 20_000, 19)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0, 19)).toBeNull();
  });
});
