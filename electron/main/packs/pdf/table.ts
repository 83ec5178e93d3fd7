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

/**
 * Column widths: each column gets at least its longest unbreakable word (so words never split mid-way),
 * capped so one long hash cannot take the page; the rest is shared in proportion to the text length.
 */
function columnWidths(c: Canvas, columns: string[], rows: string[][]): number[] {
  const { doc } = c;
  const sample = [columns, ...rows.slice(0, 100)];
  const cap = c.width * 0.35;
  const minimum = columns.map((_, i) => {
    let widest = 0;
    for (const r of sample) {
      const text = r[i] ?? '';
      doc.font(r === columns ? FONT.bold : fontFor(text)).fontSize(THEME.size.small);
      for (const word of text.split(/\s+/)) widest = Math.max(widest, doc.widthOfString(word));
    }
    return Math.min(cap, widest + 2 * PAD + 1);
  });
  const natural = columns.map((_, i) => Math.max(...sample.map((r) => (r[i] ?? '').length), 1));
  const spare = Math.max(0, c.width - minimum.reduce((a, b) => a + b, 0));
  const total = natural.reduce((a, b) => a + b, 0);
  const widths = minimum.map((m, i) => m + (spare * (natural[i] ?? 0)) / total);
  const scale = c.width / widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w * scale);
}

function fontFor(text: string): string {
  return HEX.test(text) ? FONT.mono : FONT.sans;
}

function rowHeight(c: Canvas, cells: string[], widths: number[], bold: boolean): number {
  const { doc } = c;
  let h = 0;
  cells.forEach((text, i) => {
    doc.font(bold ? FONT.bold : fontFor(text)).fontSize(THEME.size.small);
    const w = (widths[i] ?? 20) - 2 * PAD;
    // Most cells fit on one line; measuring the width is far cheaper than running the line wrapper.
    h = Math.max(h, fitsOnOneLine(c, text, w) ? doc.currentLineHeight(true) : doc.heightOfString(text, { width: w }));
  });
  return h + 2 * PAD;
}

function fitsOnOneLine(c: Canvas, text: string, width: number): boolean {
  return !text.includes('\n') && c.doc.widthOfString(text) <= width;
}

function drawRow(c: Canvas, cells: string[], widths: number[], bold: boolean, fill: string | null, h = rowHeight(c, cells, widths, bold)): void {
  const { doc } = c;
  const y = doc.y;
  if (fill) doc.save().rect(c.left, y, c.width, h).fill(fill).restore();
  let x = c.left;
  cells.forEach((text, i) => {
    const w = widths[i] ?? 20;
    doc.font(bold ? FONT.bold : fontFor(text)).fontSize(THEME.size.small).fillColor(THEME.color.text);
    const single = fitsOnOneLine(c, text, w - 2 * PAD);
    doc.text(text, x + PAD, y + PAD, single ? { lineBreak: false } : { width: w - 2 * PAD });
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
  // The Source column holds evidence-index references; tables of system text (e.g. the gap list) have none.
  const hasRefs = table.rows.some((r) => r.provenance.length > 0);
  const columns = hasRefs ? [...table.columns, 'Source'] : table.columns;
  const rows = table.rows.map((r) => (hasRefs ? [...r.cells.map(cellText), refText(c, r.provenance).trim() || '—'] : r.cells.map(cellText)));
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
      drawRow(c, columns, widths, true, THEME.color.headFill, headerH);
    }
    drawRow(c, row, widths, false, null, h);
  }
  c.doc.y += 6;
}
