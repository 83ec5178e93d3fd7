import type { EvidenceItem, Gap, Provenance } from '../../../../shared/schemas/pack';
import { FONT, THEME } from './theme';

/** The document plus what blocks need to lay out: evidence-index references and the content box. */
export interface Canvas {
  doc: PDFKit.PDFDocument;
  /** `table\u0000rowId` → number of the row in the evidence index ("E12"). */
  refs: Map<string, number>;
  left: number;
  width: number;
  bottom: number;
}

const { color, size } = THEME;

/** Start a new page when `height` does not fit below the cursor. */
export function ensureSpace(c: Canvas, height: number): void {
  if (c.doc.y + height > c.bottom) c.doc.addPage();
}

/** Evidence-index references of some provenance entries, e.g. "[E3, E7]". */
export function refText(c: Canvas, provenance: Provenance[]): string {
  const ids = [...new Set(provenance.map((p) => c.refs.get(`${p.table}\u0000${p.rowId}`)).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  if (ids.length === 0) return '';
  const shown = ids.slice(0, 6).map((n) => `E${n}`);
  return ` [${shown.join(', ')}${ids.length > 6 ? `, +${ids.length - 6}` : ''}]`;
}

/** Plain text of the gap marker exactly as the spec writes it. */
export function gapLine(gap: Gap): string {
  return `GAP [${gap.section} / ${gap.field}] ${gap.reason} — ${gap.explanation} — owner: ${gap.owner}`;
}

/** A red-bordered box holding one gap marker. */
export function gapBox(c: Canvas, gap: Gap): void {
  const { doc } = c;
  const text = gapLine(gap);
  doc.font(FONT.bold).fontSize(size.body);
  const h = doc.heightOfString(text, { width: c.width - 12 }) + 8;
  ensureSpace(c, h + 4);
  const y = doc.y;
  doc.save().lineWidth(1.2).rect(c.left, y, c.width, h).fillAndStroke(color.gapFill, color.gap).restore();
  doc.fillColor(color.gap).text(text, c.left + 6, y + 4, { width: c.width - 12 });
  doc.fillColor(color.text);
  doc.y = y + h + 4;
}

/** A section heading (level 1) or a block title (level 2). */
export function heading(c: Canvas, text: string, level: 1 | 2, anchor?: string | null): void {
  const { doc } = c;
  ensureSpace(c, level === 1 ? 60 : 30);
  doc.font(FONT.bold).fontSize(level === 1 ? size.h1 : size.h2).fillColor(color.text).text(text, c.left, doc.y, { width: c.width });
  if (anchor) doc.font(FONT.sans).fontSize(size.small).fillColor(color.muted).text(anchor, { width: c.width });
  if (level === 1) {
    doc.moveTo(c.left, doc.y + 2).lineTo(c.left + c.width, doc.y + 2).lineWidth(0.6).strokeColor(color.rule).stroke();
    doc.y += 6;
  } else {
    doc.y += 2;
  }
  doc.fillColor(color.text);
}

/** "Label: value [E1]" with the label bold. */
export function labelled(c: Canvas, label: string, value: string, provenance: Provenance[], mono = false): void {
  const { doc } = c;
  const body = `${value}${refText(c, provenance)}`;
  doc.font(FONT.bold).fontSize(size.body);
  const h = doc.heightOfString(`${label}: ${body}`, { width: c.width });
  ensureSpace(c, Math.min(h, 200) + 2);
  doc.fillColor(color.text).text(`${label}: `, c.left, doc.y, { continued: true, width: c.width });
  doc.font(mono ? FONT.mono : FONT.sans).fontSize(mono ? size.mono : size.body).text(body, { width: c.width });
  doc.y += 2;
}

const HEX = /^[0-9a-f]{40,}$/;

function attribution(i: { authorName: string; role: string; revision: number; at: string }): string {
  return `entered by ${i.authorName}, ${i.role}, ${i.at.slice(0, 10)} (revision ${i.revision})`;
}

/** Officer text in a tinted box with its attribution, so it never reads as system evidence. */
function narrativeBlock(c: Canvas, item: Extract<EvidenceItem, { kind: 'narrative' }>): void {
  const { doc } = c;
  const note = `Narrative — ${attribution(item)}${refText(c, item.provenance)}`;
  doc.font(FONT.sans).fontSize(size.body);
  const textH = doc.heightOfString(item.text, { width: c.width - 14 });
  doc.fontSize(size.small);
  const noteH = doc.heightOfString(note, { width: c.width - 14 });
  doc.font(FONT.bold).fontSize(size.body);
  const labelH = doc.heightOfString(item.label, { width: c.width - 14 });
  const h = labelH + textH + noteH + 12;
  ensureSpace(c, Math.min(h, 300));
  const y = doc.y;
  if (y + h <= c.bottom) doc.save().rect(c.left, y, c.width, h).fill(color.narrativeFill).restore();
  doc.save().rect(c.left, y, 2.5, Math.min(h, c.bottom - y)).fill(color.narrative).restore();
  doc.fillColor(color.text).font(FONT.bold).fontSize(size.body).text(item.label, c.left + 8, y + 4, { width: c.width - 14 });
  doc.font(FONT.sans).text(item.text, { width: c.width - 14 });
  doc.fontSize(size.small).fillColor(color.narrative).text(note, { width: c.width - 14 });
  doc.fillColor(color.text);
  doc.y += 8;
}

/** Print one evidence item (tables and charts have their own modules). */
export function item(c: Canvas, it: EvidenceItem): void {
  const { doc } = c;
  switch (it.kind) {
    case 'value':
      labelled(c, it.label, String(it.value), it.provenance, typeof it.value === 'string' && HEX.test(it.value));
      if (it.definition) doc.font(FONT.sans).fontSize(size.small).fillColor(color.muted).text(it.definition, c.left, doc.y, { width: c.width }).fillColor(color.text);
      return;
    case 'gap':
      gapBox(c, it.gap);
      return;
    case 'na':
      ensureSpace(c, 24);
      doc.font(FONT.sans).fontSize(size.body).fillColor(color.na)
        .text(`${it.label}: Not applicable — ${it.reason} (${attribution(it)})${refText(c, it.provenance)}`, c.left, doc.y, { width: c.width });
      doc.fillColor(color.text).moveDown(0.3);
      return;
    case 'narrative':
      narrativeBlock(c, it);
      return;
    case 'external-doc':
      labelled(c, it.label, `${it.title}, version ${it.docVersion}, ${it.docDate}, at ${it.location}${it.sha256 ? `, SHA-256 ${it.sha256}` : ''} (${attribution(it)})`, it.provenance);
      return;
    case 'note':
      ensureSpace(c, 20);
      doc.font(it.tone === 'warning' ? FONT.bold : FONT.sans).fontSize(size.body).fillColor(it.tone === 'warning' ? color.warning : color.muted)
        .text(`${it.text}${refText(c, it.provenance)}`, c.left, doc.y, { width: c.width });
      doc.fillColor(color.text).moveDown(0.3);
      return;
    case 'table':
    case 'chart':
      throw new Error(`${it.kind} items are drawn by their own renderer`);
  }
}
