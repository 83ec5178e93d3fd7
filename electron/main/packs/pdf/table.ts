import type { EvidenceItem, Scalar } from '../../../../shared/schemas/pack';
import { type Canvas, ensureSpace, heading, refText } from './blocks';
import { FONT, THEME } from './theme';

type TableItem = Extract<EvidenceItem, { kind: 'table' }>;

const PAD = 3;
const HEX = /^[0-9a-f]{16,}$/;
const MAX_CELL_CHARS = 400;

function cellText(value: Scalar): string {
  if (value === null) return '—';
  const text = typeof value === 'number' ? String(Number(value.toPrecision(8))) : String(value);
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}… (full value in the JSON sidecar)` : text;
}

/** Column widths: proportional to the longest text in each column, with a floor so headers fit. */
function columnWidths(c: Canvas, columns: string[], rows: string[][]): number[] {
  const longest = columns.map((h, i) => Math.min(60, Math.max(h.length, ...rows.slice(0, 200).map((r) => (r[i] ?? '').length))) + 4);
  const total = longest.reduce((a, b) => a + b, 0);
  return longest.map((l) => (l / total) * c.width);
}

function fontFor(text: string): string {
  return HEX.test(text) ? FONT.mono : FONT.sans;
}

function rowHeight(c: Canvas, cells: string[], widths: number[], bold: boolean): number {
  const { doc } = c;
  let h = 0;
  cells.forEach((text, i) => {
    doc.font(bold ? FONT.bold : fontFor(text)).fontSize(THEME.size.small);
    h = Math.max(h, doc.heightOfString(text, { width: (widths[i] ?? 20) - 2 * PAD }));
  });
  return h + 2 * PAD;
}

function drawRow(c: Canvas, cells: string[], widths: number[], bold: boolean, fill: string | null): void {
  const { doc } = c;
  const h = rowHeight(c, cells, widths, bold);
  const y = doc.y;
  if (fill) doc.save().rect(c.left, y, c.width, h).fill(fill).restore();
  let x = c.left;
  cells.forEach((text, i) => {
    const w = widths[i] ?? 20;
    doc.font(bold ? FONT.bold : fontFor(text)).fontSize(THEME.size.small).fillColor(THEME.color.text).text(text, x + PAD, y + PAD, { width: w - 2 * PAD });
    x += w;
  });
  doc.moveTo(c.left, y + h).lineTo(c.left + c.width, y + h).lineWidth(0.3).strokeColor(THEME.color.rule).stroke();
  doc.y = y + h;
}

/**
 * A table that breaks across pages, repeating its header row on each new page. The last column holds the
 * evidence-index references of each row.
 */
export function drawTable(c: Canvas, table: TableItem): void {
  const columns = [...table.columns, 'Source'];
  const rows = table.rows.map((r) => [...r.cells.map(cellText), refText(c, r.provenance).trim() || '—']);
  heading(c, table.title, 2);
  if (rows.length === 0) {
    c.doc.font(FONT.sans).fontSize(THEME.size.body).fillColor(THEME.color.muted).text('No records', c.left, c.doc.y, { width: c.width }).fillColor(THEME.color.text);
    return;
  }
  const widths = columnWidths(c, columns, rows);
  const headerH = rowHeight(c, columns, widths, true);
  ensureSpace(c, headerH + rowHeight(c, rows[0] ?? [], widths, false));
  drawRow(c, columns, widths, true, THEME.color.headFill);
  for (const row of rows) {
    const h = rowHeight(c, row, widths, false);
    if (c.doc.y + h > c.bottom) {
      c.doc.addPage();
      drawRow(c, columns, widths, true, THEME.color.headFill);
    }
    drawRow(c, row, widths, false, null);
  }
  c.doc.y += 6;
}
