import type { Command } from '../command';
import { replayCaseCommand } from './replay-case';
import { replayCommand } from './replay-decisions';

/** The replay commands, listed together in `attest --help`. */
export const replayCommands: readonly Command[] = [replayCommand, replayCaseCommand];
