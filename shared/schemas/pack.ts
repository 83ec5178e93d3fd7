import { z } from 'zod';
import { AsOf, IsoTime, Sha256 } from './common';

/**
 * Audit-pack evidence documents (docs/packs.md, spec: audit-packs.md). A pack is assembled as one of these
 * documents from a single consistent read of the workspace, written beside the PDF as the JSON sidecar, and
 * rendered from it; every printed value carries its provenance, every absent value a gap marker.
 */

/** Template version printed on every cover; bump when a section's content or order changes. */
export const PACK_TEMPLATE_VERSION = '2026.07-1';
export const PACK_EVIDENCE_FORMAT = 'attest-pack-evidence/1';
export const PACK_SIDECAR_FORMAT = 'attest-pack-sidecar/1';

export const PackKind = z.enum(['eu-ai-act', 'model-risk', 'decision']);
export type PackKind = z.infer<typeof PackKind>;

/** Spec letters: A = EU AI Act Annex IV, B = model risk management, C = single-decision reproduction. */
export const PackType = z.enum(['A', 'B', 'C']);
export type PackType = z.infer<typeof PackType>;

/** The reason codes of spec §0.2. */
export const GapReason = z.enum([
  'MISSING',
  'EXTERNAL_DOC_REQUIRED',
  'NA_UNJUSTIFIED',
  'STALE',
  'OVERDUE',
  'UNSIGNED',
  'INTEGRITY_FAIL',
  'PENDING_OFFICIAL_TEMPLATE',
]);
export type GapReason = z.infer<typeof GapReason>;

/** Roles that own sections and write narratives. */
export const OfficerRole = z.enum([
  'Compliance',
  'Model Owner',
  'Model Developer',
  'Validator',
  'MRM',
  'Risk',
  'Data Steward',
  'IT Security',
  'IT Ops',
]);
export type OfficerRole = z.infer<typeof OfficerRole>;

/** Where a printed value came from: table, row, when it was recorded, and the snapshot that brought it. */
export const Provenance = z
  .object({
    table: z.string(),
    rowId: z.string(),
    recordedAt: IsoTime.nullable(),
    snapshotSha256: Sha256.nullable(),
  })
  .strict();
export type Provenance = z.infer<typeof Provenance>;

/** `GAP [<section> / <field>] <REASON> — <explanation> — owner: <role>` */
export const Gap = z
  .object({ section: z.string(), field: z.string(), reason: GapReason, explanation: z.string(), owner: OfficerRole })
  .strict();
export type Gap = z.infer<typeof Gap>;

export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

const Attribution = {
  author: z.string(),
  authorName: z.string(),
  role: OfficerRole,
  revision: z.number().int().positive(),
  at: IsoTime,
};

const ValueItem = z
  .object({
    kind: z.literal('value'),
    field: z.string(),
    label: z.string(),
    value: Scalar,
    definition: z.string().optional(),
    provenance: z.array(Provenance).min(1),
  })
  .strict();
const GapItem = z.object({ kind: z.literal('gap'), field: z.string(), label: z.string(), gap: Gap }).strict();
/** A justified "not applicable": reason, author and time; not a gap. */
const NaItem = z
  .object({
    kind: z.literal('na'),
    field: z.string(),
    label: z.string(),
    reason: z.string().min(1),
    ...Attribution,
    provenance: z.array(Provenance),
  })
  .strict();
/** Free text written by a person: always printed with its attribution, never as system evidence. */
const NarrativeItem = z
  .object({ kind: z.literal('narrative'), field: z.string(), label: z.string(), text: z.string(), ...Attribution, provenance: z.array(Provenance).min(1) })
  .strict();
/** A reference to a document the console does not hold. */
const ExternalDocItem = z
  .object({
    kind: z.literal('external-doc'),
    field: z.string(),
    label: z.string(),
    title: z.string(),
    docVersion: z.string(),
    docDate: z.string(),
    location: z.string(),
    sha256: Sha256.nullable(),
    ...Attribution,
    provenance: z.array(Provenance).min(1),
  })
  .strict();
/** A system statement derived from evidence (e.g. "No incidents recorded in period"). */
const NoteItem = z
  .object({ kind: z.literal('note'), field: z.string(), text: z.string(), tone: z.enum(['info', 'warning']), provenance: z.array(Provenance) })
  .strict();
const TableRow = z.object({ cells: z.array(Scalar), provenance: z.array(Provenance) }).strict();
const TableItem = z
  .object({ kind: z.literal('table'), field: z.string(), title: z.string(), columns: z.array(z.string()).min(1), rows: z.array(TableRow) })
  .strict();
export const ChartKind = z.enum(['score-distribution', 'psi-over-time', 'performance-over-time']);
export type ChartKind = z.infer<typeof ChartKind>;
export const ChartSeries = z
  .object({ name: z.string(), points: z.array(z.object({ x: z.string(), y: z.number() }).strict()) })
  .strict();
export type ChartSeries = z.infer<typeof ChartSeries>;
const ChartItem = z
  .object({
    kind: z.literal('chart'),
    field: z.string(),
    chart: ChartKind,
    title: z.string(),
    yLabel: z.string(),
    series: z.array(ChartSeries).min(1),
    thresholds: z.array(z.object({ label: z.string(), value: z.number() }).strict()),
    provenance: z.array(Provenance).min(1),
  })
  .strict();

export const EvidenceItem = z.discriminatedUnion('kind', [
  ValueItem,
  GapItem,
  NaItem,
  NarrativeItem,
  ExternalDocItem,
  NoteItem,
  TableItem,
  ChartItem,
]);
export type EvidenceItem = z.infer<typeof EvidenceItem>;

/** One template section, always present, in template order. */
export const PackSection = z
  .object({ id: z.string(), title: z.string(), anchor: z.string().nullable(), items: z.array(EvidenceItem) })
  .strict();
export type PackSection = z.infer<typeof PackSection>;

export const GapCounts = z.record(GapReason, z.number().int().nonnegative());

export const PackAttestation = z
  .object({ role: z.string(), decision: z.string(), name: z.string(), at: IsoTime, comment: z.string(), provenance: Provenance })
  .strict();

/** The cover-page envelope of spec §0.1. */
export const PackEnvelope = z
  .object({
    packType: PackType,
    kind: PackKind,
    title: z.string(),
    templateVersion: z.string(),
    packId: z.string(),
    scope: z
      .object({
        modelName: z.string(),
        version: z.string(),
        stage: z.string().nullable(),
        aliases: z.array(z.string()),
        decisionId: z.string().nullable(),
        reportingPeriod: z.object({ from: IsoTime, to: IsoTime }).strict(),
      })
      .strict(),
    regime: z
      .object({
        profile: z.array(z.string()).min(1),
        calendar: z.string(),
        calendarNote: z.string(),
        isConfigured: z.boolean(),
      })
      .strict(),
    snapshot: z
      .object({
        asOf: IsoTime,
        snapshotId: z.number().int().nullable(),
        snapshotSha256: Sha256.nullable(),
        observedAt: IsoTime.nullable(),
        verification: z.string().nullable(),
        readMode: z.string(),
      })
      .strict(),
    generatedBy: z
      .object({ user: z.string(), displayName: z.string(), role: z.string(), consoleVersion: z.string(), host: z.string() })
      .strict(),
    completeness: z
      .object({ sections: z.number().int(), gapCount: z.number().int(), gapsByReason: GapCounts, gaps: z.array(Gap) })
      .strict(),
    attestations: z.array(PackAttestation),
  })
  .strict();
export type PackEnvelope = z.infer<typeof PackEnvelope>;

/** The whole evidence document of one pack. */
export const PackEvidence = z
  .object({ format: z.literal(PACK_EVIDENCE_FORMAT), envelope: PackEnvelope, sections: z.array(PackSection).min(1) })
  .strict();
export type PackEvidence = z.infer<typeof PackEvidence>;

/** The JSON written beside the PDF: the evidence, its fingerprint, and the PDF's hash. */
export const PackSidecar = z
  .object({
    format: z.literal(PACK_SIDECAR_FORMAT),
    fingerprint: Sha256,
    pdfSha256: Sha256,
    pdfFile: z.string(),
    evidence: PackEvidence,
  })
  .strict();
export type PackSidecar = z.infer<typeof PackSidecar>;

// ---- Officer input --------------------------------------------------------------------------------------

/** A reference to a document held outside the console (spec **X**). */
export const DocRef = z
  .object({ title: z.string().min(1), docVersion: z.string().min(1), docDate: z.string().min(1), location: z.string().min(1), sha256: Sha256.nullable() })
  .strict();
export type DocRef = z.infer<typeof DocRef>;

/** One officer entry: a narrative, a justified N/A, a fact, or an external document reference. */
export const NarrativeInput = z
  .object({
    model: z.string().min(1),
    version: z.string().min(1),
    /** Decision-level entries (Pack C) name the decision; version-level ones leave it empty. */
    subject: z.string().default(''),
    key: z.string().regex(/^[a-z0-9_.]+$/),
    role: OfficerRole,
    text: z.string().max(20_000).default(''),
    notApplicable: z.boolean().default(false),
    doc: DocRef.nullable().default(null),
  })
  .strict();
export type NarrativeInput = z.infer<typeof NarrativeInput>;

/** A stored officer entry (newest version per key wins). */
export const NarrativeRecord = z
  .object({
    id: z.number().int(),
    model: z.string(),
    version: z.string(),
    subject: z.string(),
    key: z.string(),
    text: z.string(),
    notApplicable: z.boolean(),
    doc: DocRef.nullable(),
    ...Attribution,
  })
  .strict();
export type NarrativeRecord = z.infer<typeof NarrativeRecord>;

export const PackScopeRequest = z
  .object({ kind: PackKind, model: z.string().min(1), version: z.string().min(1), decisionId: z.string().optional(), asOf: AsOf.optional() })
  .strict();
export type PackScopeRequest = z.infer<typeof PackScopeRequest>;

/** One officer item of the checklist and whether it is done. */
export const ChecklistItem = z
  .object({
    section: z.string(),
    key: z.string(),
    label: z.string(),
    kind: z.enum(['narrative', 'fact', 'external-doc']),
    owner: OfficerRole,
    status: z.enum(['done', 'not-applicable', 'missing']),
    options: z.array(z.string()).nullable(),
  })
  .strict();
export const Checklist = z
  .object({ packType: PackType, items: z.array(ChecklistItem), gapCount: z.number().int(), gapsByReason: GapCounts, gaps: z.array(Gap) })
  .strict();
export type Checklist = z.infer<typeof Checklist>;

/** A generated pack as the register lists it. */
export const PackRecord = z
  .object({
    packId: z.string(),
    kind: PackKind,
    model: z.string().nullable(),
    version: z.string().nullable(),
    decisionId: z.string().nullable(),
    asOf: IsoTime,
    createdAt: IsoTime,
    actor: z.string(),
    fileName: z.string(),
    pdfSha256: Sha256,
    sidecarSha256: Sha256,
    gapCount: z.number().int(),
  })
  .strict();
export type PackRecord = z.infer<typeof PackRecord>;

export const PackVerification = z
  .object({
    file: z.string(),
    ok: z.boolean(),
    packId: z.string().nullable(),
    checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() }).strict()),
  })
  .strict();
export type PackVerification = z.infer<typeof PackVerification>;
