import { z } from 'zod';
import { attestationChannels } from './channels/attestations';
import { auditChannels } from './channels/audit';
import { desktopChannels } from './channels/desktop';
import { inventoryChannels } from './channels/inventory';
import { jobChannels } from './channels/jobs';
import { monitoringChannels } from './channels/monitoring';
import { packChannels } from './channels/packs';
import { replayChannels } from './channels/replay';
import { syncChannels } from './channels/sync';
import { workspaceChannels } from './channels/workspace';
import { JobProgress, JobStatus } from '../schemas/jobs';

/**
 * THE list of channels. Adding a domain's channel map here is the only way to add a channel;
 * main's handler table is typed against it, so a channel without a handler does not compile.
 */
export const contract = {
  ...workspaceChannels,
  ...inventoryChannels,
  ...jobChannels,
  ...auditChannels,
  ...attestationChannels,
  ...monitoringChannels,
  ...replayChannels,
  ...packChannels,
  ...syncChannels,
  ...desktopChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

/** Push events from main to the console, each with its own schema. */
export const events = {
  'job:progress': JobProgress,
  'job:finished': JobStatus,
  /** The desktop menu's File › Import… chose a path; the Import screen takes it from there. */
  'shell:import-requested': z.object({ path: z.string() }),
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

/** Is this string a channel of the contract? */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Is this string an event of the contract? */
export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
