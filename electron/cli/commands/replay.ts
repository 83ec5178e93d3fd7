import type { Command } from '../command';
import { replayCaseCommand } from './replay-case';

/** The replay commands, listed together in `attest --help`. */
export const replayCommands: readonly Command[] = [replayCaseCommand];
