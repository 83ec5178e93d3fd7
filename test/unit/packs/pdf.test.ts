import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackKind } from '../../../shared/schemas/pack';
import { sha256Hex } from '../../../electron/main/core/hashing';
import { type Generator, assemblePack, evidenceFingerprint, templateFor, packTypeOf } from '../../../electron/main/packs/evidence/assemble';
import { generatePack } from '../../../electron/main/packs/generate';
import { renderPackPdf } from '../../../electron/main/packs/pdf/render';
import { saveNarrative } from '../../../electron/main/packs/store/narrative-repo';
import { readPackSource } from '../../../electron/main/packs/store/read-source';
import { verifyPackFile } from '../../../electron/main/packs/verify';
import { pdfFonts, pdfInfo, pdfText } from '../../support/packs-pdf';
import {
  type PacksWorkspace, addDecisions, addModel, addReplay, addRun, addSnapshot, createPacksWorkspace, fixedMonitoring, monitoringSeries, smallProfile,
} from '../../support/packs-workspace';

// Accented, Cyrillic/Greek, Hebrew (RTL) and HTML/SQL-looking text must print as text, not markup.
const MODEL = 'Crédit-PD Кредит Ωμέγα אשראי';
const OWNER_TEXT = `<b>Decline</b> unsecured loans'; DROP TABLE decision; -- for Zoë Åberg`;
const GEN: Generator = { user: 'tester', displayName: 'Renée Ødegård', role: 'Compliance', consoleVersion: '0.1.0', host: 'test-host' };
const RULE = { output: 'prob', index: 1, operator: '>=' as const, threshold: 0.3, whenTrue: 'decline', whenFalse: 'approve' };
const monitoring = fixedMonitoring(monitoringSeries(['income', 'age'], 24), []);

/** pdftotext joins wrapped lines with newlines; compare on single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('pack PDFs read back with poppler', () => {
  let ws: PacksWorkspace;
  let decisionUid: string;
  const pdfs = new Map<PackKind, Buffer>();

  async function render(kind: PackKind): Promise<Buffer> {
    const e = assemblePack(readPackSource(ws.db, { kind, model: MODEL, version: '3', decisionId: decisionUid }, monitoring), kind, GEN);
    return renderPackPdf(e, evidenceFingerprint(e));
  }

  beforeAll(async () => {
    ws = createPacksWorkspace();
    const snap = addSnapshot(ws.db, '2025-01-01T00:00:00.000Z');
    addRun(ws.db, 'run-1', snap, '2024-12-01T00:00:00.000Z', smallProfile());
    const v = addModel(ws.db, { name: MODEL, version: '3', snapshotId: snap, at: '2025-01-01T00:00:00.000Z', runId: 'run-1', decisionRule: RULE, tolerance: { atol: 1e-6, rtol: 0 } });
    addDecisions(ws.db, v, snap, '2025-01-02T00:00:00.000Z', 40);
    decisionUid = `dec-${v}-3`;
    addReplay(ws.db, v, decisionUid, '2025-02-01T00:00:00.000Z', 'f'.repeat(64));
    saveNarrative(ws.db, { model: MODEL, version: '3', subject: '', key: 'intended_purpose', role: 'Model Owner', text: OWNER_TEXT, notApplicable: false, doc: null }, { user: 'o', displayName: 'Zoë Åberg' }, '2025-02-02T00:00:00.000Z');
    for (const kind of ['eu-ai-act', 'model-risk', 'decision'] as const) pdfs.set(kind, await render(kind));
  });
  afterAll(() => ws.cleanup());

  it.each(['eu-ai-act', 'model-risk', 'decision'] as const)('%s: every section heading of the template appears, plus contents and the evidence index', (kind) => {
    const text = flat(pdfText(pdfs.get(kind) ?? Buffer.alloc(0)));
    for (const def of templateFor(packTypeOf(kind))) expect(text).toContain(`${def.id} ${def.title}`);
    expect(text).toContain('Evidence index');
    expect(text).toContain('Contents');
    expect(text).toContain('Completeness summary');
  });

  it('prints gap markers exactly where evidence is missing, and the narrative where it was written', () => {
    const text = flat(pdfText(pdfs.get('eu-ai-act') ?? Buffer.alloc(0)));
    expect(text).toContain('GAP [A.1(d) / deployment_forms] MISSING — Forms in which the system is put into service: not entered — owner: Model Owner');
    expect(text).toContain('GAP [A.7 / harmonised_standards] PENDING_OFFICIAL_TEMPLATE');
    expect(text).toContain('GAP [A.2(g) / fairness] MISSING');
    expect(text).not.toContain('GAP [A.1(a) / intended_purpose]');
    expect(text).not.toContain('GAP [A.2(a) / runs]');
    expect(text).not.toContain('GAP [A.9 / drift.psi]');
    expect(text).toContain(OWNER_TEXT);
    expect(text).toContain('entered by Zoë Åberg, Model Owner, 2025-02-02 (revision 1)');
    const c = flat(pdfText(pdfs.get('decision') ?? Buffer.alloc(0)));
    expect(c).toContain('Verdict: REPRODUCED');
    expect(c).toContain('GAP [C.0 / replay_request] MISSING');
  });

  it('renders accented, Cyrillic, Greek and Hebrew names as text, with every font embedded', () => {
    const pdf = pdfs.get('model-risk') ?? Buffer.alloc(0);
    const text = pdfText(pdf);
    for (const word of ['Crédit-PD', 'Кредит', 'Ωμέγα', 'Renée Ødegård']) expect(text).toContain(word);
    expect(text.replace(/[\u200e\u200f\u202a-\u202e]/g, '')).toMatch(/אשראי/);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name.split('+')[1])).toEqual(expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']));
    // No text needs the CJK fallback: it is not embedded.
    expect(fonts.map((f) => f.name)).not.toContainEqual(expect.stringContaining('WenQuanYi'));
  });

  it('prints Chinese, Japanese and Korean in the embedded fallback font', async () => {
    const names = { displayName: '王伟 Wang Wei', role: 'リスク管理 / 리스크 관리' };
    const e = assemblePack(readPackSource(ws.db, { kind: 'decision', model: MODEL, version: '3', decisionId: decisionUid }, monitoring), 'decision', { ...GEN, ...names });
    const pdf = await renderPackPdf(e, evidenceFingerprint(e));
    const text = flat(pdfText(pdf));
    expect(text).toContain('王伟 Wang Wei (tester), role リスク管理 / 리스크 관리');
    expect(text).not.toContain('[U+738B]');
    const fonts = pdfFonts(pdf);
    expect(fonts.find((f) => f.name.endsWith('+WenQuanYiMicroHei'))).toMatchObject({ embedded: true });
  });

  it('prints characters no embedded font can draw as their code points, never as empty boxes', async () => {
    // U+1C5A and U+1C5B (Ol Chiki): neither in DejaVu nor in the fallback.
    const e = assemblePack(readPackSource(ws.db, { kind: 'decision', model: MODEL, version: '3', decisionId: decisionUid }, monitoring), 'decision', { ...GEN, displayName: 'Ana \u1C5A\u1C5B' });
    const text = flat(pdfText(await renderPackPdf(e, evidenceFingerprint(e))));
    expect(text).toContain('Ana [U+1C5A][U+1C5B] (tester)');
    expect(text).toContain('print as their Unicode code points, e.g. [U+1C5A]');
  });

  it('carries document metadata, running heads with "page x of y", and a contents page that points at the right pages', () => {
    const pdf = pdfs.get('eu-ai-act') ?? Buffer.alloc(0);
    const info = pdfInfo(pdf);
    expect(info.Title).toContain(`Pack A: EU AI Act technical documentation (Annex IV) — ${MODEL} v3`);
    expect(info.Author).toBe('Renée Ødegård');
    expect(info.Subject).toContain('EU AI Act');
    expect(info.Keywords).toMatch(/A-[0-9a-f]{16}, fingerprint [0-9a-f]{64}/);
    const pages = pdfText(pdf).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBe(Number(info.Pages));
    pages.forEach((p, i) => expect(flat(p)).toContain(`Page ${i + 1} of ${pages.length}`));
    const contents = flat(pages[1] ?? '');
    const match = /A\.9 Post-market monitoring system and plan (\d+)/.exec(contents);
    expect(match).not.toBeNull();
    expect(flat(pages[Number(match?.[1]) - 1] ?? '')).toContain('A.9 Post-market monitoring system and plan');
  });

  it('breaks long tables across pages and repeats their header row', () => {
    const pages = pdfText(pdfs.get('eu-ai-act') ?? Buffer.alloc(0)).split('\f').map(flat);
    const indexPages = pages.filter((p) => p.includes('monitoring_result') && ['Table', 'Row', 'Recorded at', 'Snapshot SHA-256', 'Cited in'].every((h) => p.includes(h)));
    expect(indexPages.length).toBeGreaterThan(1);
  });

  it('is byte-identical for the same state, kind and as-of date', async () => {
    const again = await render('eu-ai-act');
    expect(sha256Hex(again)).toBe(sha256Hex(pdfs.get('eu-ai-act') ?? Buffer.alloc(0)));
  });

  it('writes PDF + sidecar + register entry, and verify catches a changed byte', async () => {
    const out = join(ws.dir, 'out', 'pack-b.pdf');
    const generated = await generatePack(ws.db, {
      request: { kind: 'model-risk', model: MODEL, version: '3' }, outFile: out, packsDir: join(ws.dir, 'packs'), generator: GEN, monitoring,
      actor: { user: 'tester', displayName: 'T' }, createdAt: '2025-03-01T00:00:00.000Z',
    });
    expect(generated.sidecarFile).toBe(join(ws.dir, 'out', 'pack-b.json'));
    expect(await verifyPackFile(out, ws.db)).toMatchObject({ ok: true, packId: generated.record.packId });
    const audit = ws.db.prepare(`SELECT object_id FROM audit_event WHERE action = 'pack.generate'`).all();
    expect(audit).toEqual([{ object_id: generated.record.packId }]);
    const bytes = readFileSync(out);
    bytes[bytes.length - 200] = (bytes[bytes.length - 200] ?? 0) ^ 1;
    writeFileSync(out, bytes);
    const tampered = await verifyPackFile(out, ws.db);
    expect(tampered.ok).toBe(false);
    expect(tampered.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['pdf-hash', 're-render', 'register']);
  });
});
