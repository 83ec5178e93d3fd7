import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type {
  AttestationRecord,
  DecisionRecord,
  LoggedModelRecord,
  ManifestMember,
  MemberKind,
  ModelVersionRecord,
  OutcomeRecord,
  RegisteredModelRecord,
  RunRecord,
} from '../../../shared/schemas/bundle';
import type { OpenLineageEvent } from '../../../shared/schemas/lineage';
import type { ImportCounts } from '../../../shared/schemas/sync';
import { AttestError } from '../core/errors';
import type { JobControl } from '../core/jobs';
import { FactWriter } from '../store/fact-writer';
import { LineageWriter } from '../store/lineage-repo';
import { LoggedModelWriter } from '../store/logged-model-writer';
import { RegistryWriter } from '../store/registry-writer';
import { checkRecord } from './bundle-layout';
import { errorOf, pipeDecisionLines } from './decision-lines-client';
import { jsonLineBatches } from './json-lines';
import { MAX_MLMODEL_BYTES, parseMlmodel } from './mlmodel';

/** An artifact written to the workspace's tmp folder, moved into the store only after the commit. */
export interface StagedArtifact {
  tmpPath: string;
  sha256: string;
}

/**
 * The writes of one bundle import, inside the caller's transaction: registry history, facts, lineage and
 * staged artifacts, fed member by member as the reader verifies them.
 */
export class ImportSession {
  readonly staged: StagedArtifact[] = [];
  private readonly registry: RegistryWriter;
  private readonly facts: FactWriter;
  private readonly lineage: LineageWriter;
  private readonly loggedModels: LoggedModelWriter;
  private readonly mediaTypes = new Map<string, { mediaType: string; fileName: string | null }>();
  /** Versions whose MLmodel file (by hash) is still to come in this import. */
  private readonly mlmodelOf = new Map<string, { versionId: number; what: string }[]>();
  private artifacts = 0;
  private bytesDone = 0;

  constructor(
    private readonly db: Database.Database,
    readonly snapshotId: number,
    observedAt: string,
    private readonly tmpDir: string,
    private readonly totalBytes: number,
    private readonly job?: JobControl,
  ) {
    this.registry = new RegistryWriter(db, snapshotId, observedAt);
    this.facts = new FactWriter(db, snapshotId);
    this.lineage = new LineageWriter(db, snapshotId);
    this.loggedModels = new LoggedModelWriter(db, snapshotId, observedAt);
  }

  /** Write one member's content. */
  async consume(member: ManifestMember, data: AsyncIterable<Buffer>, bundlePath: string): Promise<void> {
    this.job?.throwIfCancelled();
    if (member.kind === 'artifact') return this.stageArtifact(member, data);
    const where = `${bundlePath}: member ${member.path}`;
    if (member.kind === 'decisions') return this.consumeDecisions(member, data, where);
    for await (const batch of jsonLineBatches(data, where)) {
      for (const { line, value } of batch.lines) this.writeRecord(member.kind, value, where, line);
      this.progress(batch.bytes, member.path);
    }
  }

  /**
   * A decision log, the bulk of large bundles: cut into pieces of whole lines here, which decision-lines workers
   * decode, parse, check and encode while this thread inserts the pieces before them, one statement per piece.
   * The reader still hashes every byte here, and refusals arrive in the order one thread would meet them (see
   * EncodedRows), so the outcome is the same as writing each record with writeRecord.
   */
  private async consumeDecisions(member: ManifestMember, data: AsyncIterable<Buffer>, where: string): Promise<void> {
    await pipeDecisionLines(data, where, (chunk) => {
      this.facts.writeDecisionChunk(chunk.rowsJson, chunk.versions, where);
      if (chunk.error) throw errorOf(chunk.error);
      this.progress(chunk.bytes, member.path);
    });
  }

  /**
   * Validate one record of `kind` against its bundle schema and write it; `where` and `line` name it in errors.
   * (Decision logs of bundles take consumeDecisions, on two threads.)
   */
  writeRecord(kind: Exclude<MemberKind, 'artifact'>, value: unknown, where: string, line?: number): void {
    this.writers[kind](checkRecord(kind, value, where, line), where, line);
  }

  /** See RegistryWriter.keepVersionsOf: an incremental sync's unchanged model keeps its versions. */
  keepVersionsOf(modelName: string): void {
    this.registry.keepVersionsOf(modelName);
  }

  /** Whether finish() found anything to change (new rows or retirements). */
  get changedAnything(): boolean {
    return this.registry.otherChanges > 0 || this.lastCounts === null || Object.values(this.lastCounts).some((n) => n > 0);
  }

  private lastCounts: ImportCounts | null = null;

  /** Apply aliases and retirements; returns what the import wrote. */
  finish(scope: 'full' | 'incremental' | 'attestations'): ImportCounts {
    this.registry.finish(scope);
    this.lastCounts = { ...this.registry.counts, ...this.facts.counts, lineageEvents: this.lineage.events, artifacts: this.artifacts, loggedModels: this.loggedModels.changed };
    return this.lastCounts;
  }

  // Each record was parsed with RECORD_SCHEMAS[kind] just before, so the casts below restate that schema's type.
  private readonly writers: Record<Exclude<MemberKind, 'artifact'>, (record: unknown, where: string, line?: number) => void> = {
    'registered-models': (r) => this.registry.writeModel(r as RegisteredModelRecord),
    'model-versions': (r) => {
      const version = r as ModelVersionRecord;
      for (const ref of [version.artifact, version.mlmodel]) {
        if (ref) this.mediaTypes.set(ref.sha256, { mediaType: ref.mediaType, fileName: ref.fileName ?? null });
      }
      const versionId = this.registry.writeVersion(version);
      if (version.mlmodel) {
        const list = this.mlmodelOf.get(version.mlmodel.sha256) ?? [];
        list.push({ versionId, what: `${version.model} v${version.version}` });
        this.mlmodelOf.set(version.mlmodel.sha256, list);
      }
    },
    'logged-models': (r) => this.loggedModels.write(r as LoggedModelRecord),
    runs: (r) => this.facts.writeRun(r as RunRecord),
    'openlineage-events': (r) => void this.lineage.write(r as OpenLineageEvent),
    decisions: (r, where, line) => this.facts.writeDecision(r as DecisionRecord, where, line),
    outcomes: (r, where, line) => this.facts.writeOutcome(r as OutcomeRecord, where, line),
    attestations: (r) => this.facts.writeAttestation(r as AttestationRecord),
  };

  /** Stage an artifact already in memory (live sync); moved into the store after the commit. */
  async writeArtifact(sha256: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = join(this.tmpDir, `import-${this.snapshotId}-${sha256}`);
    await writeFile(tmpPath, bytes);
    this.staged.push({ tmpPath, sha256 });
    this.insertArtifactRow(sha256, bytes.length);
    this.readMlmodel(sha256, bytes);
  }

  /** Parse an MLmodel file the versions of this import name, and record what it says on each of them. */
  private readMlmodel(sha256: string, bytes: Uint8Array): void {
    const versions = this.mlmodelOf.get(sha256);
    if (!versions) return;
    this.mlmodelOf.delete(sha256);
    const first = versions[0];
    const info = parseMlmodel(bytes, `MLmodel of ${first?.what ?? 'a version'} (${sha256.slice(0, 12)}…)`);
    for (const v of versions) this.registry.recordMlmodel(v.versionId, sha256, info, v.what);
  }

  private async stageArtifact(member: ManifestMember, data: AsyncIterable<Buffer>): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmpPath = join(this.tmpDir, `import-${this.snapshotId}-${member.sha256}`);
    const out = createWriteStream(tmpPath);
    const hash = createHash('sha256');
    // An MLmodel named by a version is small and read here; any other artifact only streams through.
    if (this.mlmodelOf.has(member.sha256) && member.size > MAX_MLMODEL_BYTES) {
      throw new AttestError('bad-input', `${member.path}: the MLmodel file is ${member.size} bytes, more than the ${MAX_MLMODEL_BYTES} an MLmodel can plausibly hold.`, 'Check that the bundle names the MLmodel file MLflow wrote.');
    }
    const keep: Buffer[] | null = this.mlmodelOf.has(member.sha256) && member.size <= MAX_MLMODEL_BYTES ? [] : null;
    for await (const chunk of data) {
      hash.update(chunk);
      keep?.push(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      this.progress(chunk.length, member.path);
    }
    out.end();
    await finished(out);
    const sha256 = hash.digest('hex');
    this.staged.push({ tmpPath, sha256 });
    this.insertArtifactRow(member.sha256, member.size);
    // A member whose bytes do not match its hash is refused by the reader; only parse what is what it claims.
    if (keep && sha256 === member.sha256) this.readMlmodel(sha256, Buffer.concat(keep));
  }

  private insertArtifactRow(sha256: string, size: number): void {
    const type = this.mediaTypes.get(sha256);
    const info = this.db
      .prepare('INSERT INTO artifact (sha256, size_bytes, media_type, original_name, first_snapshot_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(sha256, size, type?.mediaType ?? 'application/octet-stream', type?.fileName ?? null, this.snapshotId);
    this.artifacts += info.changes;
  }

  private progress(bytes: number, path: string): void {
    this.bytesDone += bytes;
    this.job?.throwIfCancelled();
    this.job?.report('import', this.bytesDone, this.totalBytes, `Importing ${path}`);
  }
}
