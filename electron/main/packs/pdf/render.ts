import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { PackEvidence, PackSection } from '../../../../shared/schemas/pack';
import { type Canvas, heading, item } from './blocks';
import { drawChart } from './charts';
import { drawCover, drawGapList } from './cover';
import { useFallbackFont } from './fallback-font';
import { useFastLayout } from './fast-layout';
import { FALLBACK_FACE, FONT_FILES, findFontsDir } from './fonts';
import { drawTable } from './table';
import { FONT, THEME } from './theme';

const TOC_LINE = 14;

interface TocEntry {
  title: string;
  page: number;
}

function createDocument(evidence: PackEvidence, fingerprint: string, fontsDir: string): PDFKit.PDFDocument {
  const e = evidence.envelope;
  // Fixed dates from the evidence: PDFKit derives the file ID from the info dictionary, so this makes the
  // bytes depend on the workspace state only, never on the wall clock.
  const at = new Date(e.snapshot.asOf);
  const doc = new PDFDocument({
    size: THEME.page.size,
    margins: { top: THEME.page.margin + 10, bottom: THEME.page.margin + 10, left: THEME.page.margin, right: THEME.page.margin },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    info: {
      Title: `Pack ${e.packType}: ${e.title} — ${e.scope.modelName} v${e.scope.version}`,
      Author: e.generatedBy.displayName,
      Subject: `${e.title}; regimes: ${e.regime.profile.join('; ')}; as of ${e.snapshot.asOf}`,
      Keywords: `attest, pack ${e.packType}, ${e.packId}, fingerprint ${fingerprint}`,
      Creator: `Attest ${e.generatedBy.consoleVersion}`,
      Producer: 'Attest pack renderer (PDFKit)',
      CreationDate: at,
      ModDate: at,
    },
  });
  doc.registerFont(FONT.sans, join(fontsDir, FONT_FILES.sans));
  doc.registerFont(FONT.bold, join(fontsDir, FONT_FILES.bold));
  doc.registerFont(FONT.mono, join(fontsDir, FONT_FILES.mono));
  doc.registerFont(FONT.fallback, join(fontsDir, FONT_FILES.fallback), FALLBACK_FACE);
  for (const name of [FONT.mono, FONT.bold, FONT.sans]) {
    doc.font(name);
    useFastLayout(doc);
  }
  useFallbackFont(doc, FONT.fallback);
  return doc;
}

function canvasOf(doc: PDFKit.PDFDocument, evidence: PackEvidence): Canvas {
  const index = evidence.sections.at(-1)?.items.find((i) => i.kind === 'table');
  const refs = new Map<string, number>();
  if (index?.kind === 'table') index.rows.forEach((r, i) => r.provenance[0] && refs.set(`${r.provenance[0].table}\u0000${r.provenance[0].rowId}`, i + 1));
  const { margins } = doc.page;
  return { doc, refs, left: margins.left, width: doc.page.width - margins.left - margins.right, bottom: doc.page.height - margins.bottom };
}

function drawSection(c: Canvas, section: PackSection): void {
  heading(c, `${section.id}  ${section.title}`, 1, section.anchor);
  for (const it of section.items) {
    if (it.kind === 'table') drawTable(c, it);
    else if (it.kind === 'chart') drawChart(c, it);
    else if (!(it.kind === 'note' && it.text === '')) item(c, it);
  }
  c.doc.moveDown(0.6);
}

function tocPagesNeeded(c: Canvas, entries: number): number {
  const perPage = Math.floor((c.bottom - c.doc.page.margins.top - 40) / TOC_LINE);
  return Math.max(1, Math.ceil(entries / perPage));
}

function drawToc(c: Canvas, firstPage: number, entries: TocEntry[]): void {
  const { doc } = c;
  let page = firstPage;
  doc.switchToPage(page);
  doc.y = doc.page.margins.top;
  heading(c, 'Contents', 1);
  for (const entry of entries) {
    if (doc.y + TOC_LINE > c.bottom) {
      doc.switchToPage(++page);
      doc.y = doc.page.margins.top;
    }
    const y = doc.y;
    const num = String(entry.page + 1);
    doc.font(FONT.sans).fontSize(THEME.size.body).fillColor(THEME.color.text);
    doc.text(entry.title, c.left, y, { width: c.width - 40, lineBreak: false, ellipsis: true });
    doc.text(num, c.left + c.width - 40, y, { width: 40, align: 'right', lineBreak: false });
    doc.y = y + TOC_LINE;
  }
}

function drawRunningHeads(c: Canvas, evidence: PackEvidence): void {
  const { doc } = c;
  const e = evidence.envelope;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text below the bottom margin would make PDFKit open a new page; lift the margin while drawing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT.sans).fontSize(THEME.size.small).fillColor(THEME.color.muted);
    doc.text(`Attest · Pack ${e.packType} · ${e.packId}`, c.left, THEME.page.headerY, { width: c.width / 2, lineBreak: false });
    doc.text(`${e.scope.modelName} v${e.scope.version} · as of ${e.snapshot.asOf.slice(0, 10)}`, c.left + c.width / 2, THEME.page.headerY, { width: c.width / 2, align: 'right', lineBreak: false });
    const footerY = doc.page.height - THEME.page.footerGap;
    doc.text(`Page ${i + 1} of ${range.count}`, c.left, footerY, { width: c.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(THEME.color.text);
}

/**
 * Render a pack's evidence as PDF bytes. Pure apart from reading the bundled fonts: the same evidence and
 * fingerprint always give the same bytes.
 */
export async function renderPackPdf(evidence: PackEvidence, fingerprint: string, fontsDir = findFontsDir()): Promise<Buffer> {
  const doc = createDocument(evidence, fingerprint, fontsDir);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const c = canvasOf(doc, evidence);
  drawCover(c, evidence, fingerprint);
  const tocTitles = ['Completeness summary: gaps and responsible roles', ...evidence.sections.map((s) => `${s.id}  ${s.title}`)];
  doc.addPage();
  const tocFirst = doc.bufferedPageRange().count - 1;
  for (let i = 1; i < tocPagesNeeded(c, tocTitles.length + 2); i++) doc.addPage();
  const entries: TocEntry[] = [];
  doc.addPage();
  entries.push({ title: tocTitles[0] ?? '', page: doc.bufferedPageRange().count - 1 });
  doc.outline.addItem('Completeness summary');
  drawGapList(c, evidence);
  for (const section of evidence.sections) {
    doc.addPage();
    entries.push({ title: `${section.id}  ${section.title}`, page: doc.bufferedPageRange().count - 1 });
    doc.outline.addItem(`${section.id} ${section.title}`);
    drawSection(c, section);
  }
  drawToc(c, tocFirst, entries);
  drawRunningHeads(c, evidence);
  doc.end();
  return done;
}
