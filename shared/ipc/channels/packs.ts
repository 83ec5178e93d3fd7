import { z } from 'zod';
import { JobRef } from '../../schemas/jobs';
import { Checklist, NarrativeInput, NarrativeRecord, OfficerRole, PackRecord, PackScopeRequest, PackVerification } from '../../schemas/pack';
import { defineChannels } from '../channel';

const VersionScope = z.object({ model: z.string().min(1), version: z.string().min(1) }).strict();

/** Audit packs: officer input, completeness checklist, generation (a job), register, verification. */
export const packChannels = defineChannels({
  'packs:narratives': {
    request: VersionScope,
    response: z.object({ current: z.array(NarrativeRecord), history: z.array(NarrativeRecord) }),
  },
  'packs:saveNarrative': { request: NarrativeInput, response: NarrativeRecord },
  'packs:checklist': { request: PackScopeRequest, response: Checklist },
  'packs:generate': {
    request: PackScopeRequest.extend({ outFile: z.string().min(1).optional(), role: OfficerRole.optional() }).strict(),
    response: JobRef,
  },
  'packs:list': {
    request: z.object({ model: z.string().optional(), version: z.string().optional() }).strict(),
    response: z.object({ packs: z.array(PackRecord) }),
  },
  /** Verify a pack of the register (by id: the console never sends file paths) or, from the CLI, a file. */
  'packs:verify': {
    request: z.union([z.object({ packId: z.string().min(1) }).strict(), z.object({ file: z.string().min(1) }).strict()]),
    response: PackVerification,
  },
  /** Open a generated pack in the system's PDF viewer (desktop app only). */
  'packs:open': { request: z.object({ packId: z.string().min(1) }).strict(), response: z.object({ path: z.string() }) },
});

/** The result of a finished `packs:generate` job. */
export const PackGenerated = PackRecord.extend({ pdfFile: z.string(), sidecarFile: z.string() });
export type PackGenerated = z.infer<typeof PackGenerated>;
