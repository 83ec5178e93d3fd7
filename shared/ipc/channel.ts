import type { z } from 'zod';

/** A channel: the schema of its request and of its response value. */
export interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
}

/** Declare a domain's channels; names are '<domain>:<verb>'. */
export function defineChannels<T extends Record<`${string}:${string}`, ChannelSpec>>(channels: T): T {
  return channels;
}
