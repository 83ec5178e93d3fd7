import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp';

/** Run a poppler tool on PDF bytes and return its stdout. */
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', pdf: Buffer, args: string[] = []): string {
  const { dir, cleanup } = makeTempDir('attest-pdf-');
  try {
    const file = join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    cleanup();
  }
}

/** The PDF's text as pdftotext reads it (reading order, not layout). */
export function pdfText(pdf: Buffer): string {
  return poppler('pdftotext', pdf, ['-enc', 'UTF-8']);
}

/** pdfinfo's key: value lines as a record. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return Object.fromEntries(poppler('pdfinfo', pdf).split('\n').filter((l) => l.includes(':')).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
  }));
}

/** pdffonts rows: font name and whether it is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  return poppler('pdffonts', pdf).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => {
    const cols = l.trim().split(/\s+/);
    // Columns: name type [encoding words] emb sub uni object ID — "emb" is the 5th from the end.
    return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
  });
}
