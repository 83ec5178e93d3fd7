import type { EvidenceItem, GapReason, NarrativeRecord, OfficerRole, PackSection, Provenance, Scalar } from '../../../../shared/schemas/pack';
import { officerSpec } from '../catalogue';
import type { PackSource } from '../source-types';

/**
 * Section builder: collects the items of one section in print order. Every helper either prints a value with
 * its provenance or a gap marker, so a section can never silently drop a field (spec §0.2).
 */
export class SectionBuilder {
  readonly items: EvidenceItem[] = [];

  constructor(
    readonly src: PackSource,
    readonly id: string,
  ) {}

  /** A system value with its source rows. A null value with no source becomes a MISSING gap. */
  value(field: string, label: string, value: Scalar, provenance: (Provenance | null)[], owner: OfficerRole, definition?: string): void {
    const refs = provenance.filter((p): p is Provenance => p !== null);
    if (value === null || value === '' || refs.length === 0) {
      this.gap(field, label, 'MISSING', `${label} is not recorded in the console`, owner);
      return;
    }
    this.items.push({ kind: 'value', field, label, value, provenance: refs, ...(definition ? { definition } : {}) });
  }

  gap(field: string, label: string, reason: GapReason, explanation: string, owner: OfficerRole): void {
    this.items.push({ kind: 'gap', field, label, gap: { section: this.id, field, reason, explanation, owner } });
  }

  note(field: string, text: string, provenance: Provenance[] = [], tone: 'info' | 'warning' = 'info'): void {
    this.items.push({ kind: 'note', field, text, tone, provenance });
  }

  /** A table; zero rows print "No records" plus a gap (spec §0.2) unless `empty` says why that is fine. */
  table(field: string, title: string, columns: string[], rows: { cells: Scalar[]; provenance: Provenance[] }[], empty: EmptyRule): void {
    this.items.push({ kind: 'table', field, title, columns, rows });
    if (rows.length > 0) return;
    if (empty.kind === 'note') this.note(field, empty.text);
    else this.gap(field, title, empty.reason ?? 'MISSING', empty.explanation, empty.owner);
  }

  /** The officer entry for `key`: narrative, fact, document reference, justified N/A, or the matching gap. */
  officer(key: string, options: { subject?: string; missing?: { reason: GapReason; explanation: string } } = {}): NarrativeRecord | null {
    const spec = officerSpec(key);
    if (!spec) throw new Error(`Unknown officer item ${key}`);
    const record = this.src.narratives.get(options.subject ? `${key}@${options.subject}` : key) ?? null;
    const fallbackReason: GapReason = spec.kind === 'external-doc' ? 'EXTERNAL_DOC_REQUIRED' : 'MISSING';
    const missing = options.missing ?? { reason: fallbackReason, explanation: `${spec.label}: not entered` };
    if (record === null) {
      this.gap(key, spec.label, missing.reason, missing.explanation, spec.owner);
      return null;
    }
    const attribution = { author: record.author, authorName: record.authorName, role: record.role, revision: record.revision, at: record.at };
    const provenance = [narrativeProvenance(record)];
    if (record.notApplicable) {
      if (spec.naAllowed && record.text.trim() !== '') {
        this.items.push({ kind: 'na', field: key, label: spec.label, reason: record.text, ...attribution, provenance });
        return record;
      }
      this.gap(key, spec.label, 'NA_UNJUSTIFIED', `marked not applicable ${spec.naAllowed ? 'without a written reason' : 'but this item cannot be not applicable'}`, spec.owner);
      return null;
    }
    if (spec.kind === 'external-doc') {
      if (record.doc === null) {
        this.gap(key, spec.label, 'EXTERNAL_DOC_REQUIRED', 'no document reference registered', spec.owner);
        return null;
      }
      this.items.push({ kind: 'external-doc', field: key, label: spec.label, ...record.doc, ...attribution, provenance });
      return record;
    }
    if (record.text.trim() === '') {
      this.gap(key, spec.label, missing.reason, `${spec.label}: empty`, spec.owner);
      return null;
    }
    this.items.push({ kind: 'narrative', field: key, label: spec.label, text: record.text, ...attribution, provenance });
    return record;
  }

  /** Does this section already hold a gap? */
  hasGap(): boolean {
    return this.items.some((i) => i.kind === 'gap');
  }
}

export type EmptyRule =
  | { kind: 'note'; text: string }
  | { kind: 'gap'; reason?: GapReason; explanation: string; owner: OfficerRole };

/** Provenance of an officer entry. */
export function narrativeProvenance(record: NarrativeRecord): Provenance {
  return { table: 'pack_narrative', rowId: String(record.id), recordedAt: record.at, snapshotSha256: null };
}

/** A section definition: id, title, regulatory anchor, and the function that fills it. */
export interface SectionDef {
  id: string;
  title: string;
  anchor: string | null;
  /** `previous` holds the sections built before this one (for computed summaries such as B.19). */
  build(s: SectionBuilder, previous: readonly PackSection[]): void;
}

/** Build every section in template order. */
export function buildSections(src: PackSource, defs: readonly SectionDef[]): PackSection[] {
  const sections: PackSection[] = [];
  for (const def of defs) {
    const builder = new SectionBuilder(src, def.id);
    def.build(builder, sections);
    sections.push({ id: def.id, title: def.title, anchor: def.anchor, items: builder.items });
  }
  return sections;
}

/** Value of an officer fact in force (text), or null. */
export function factOf(src: PackSource, key: string): string | null {
  const r = src.narratives.get(key);
  return r && !r.notApplicable && r.text.trim() !== '' ? r.text.trim() : null;
}

/** Format a number for print: fixed significant digits so the same value always prints the same. */
export function fmt(value: number | null, digits = 4): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(digits)).toString();
}

/** Whole days between two ISO instants. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
