import type { Command } from '../command';
import { logExportCommand, logVerifyCommand } from './log';
import { signoffCommand, signoffExportCommand, signoffListCommand } from './signoff';
import { modelsCommand } from './models';
import { monitorCommand, monitorThresholdCommand } from './monitor';
import { replayCommands } from './replay';
import { serveCommand } from './serve';
import { bundleVerifyCommand } from './bundle';
import { importCommand } from './import';
import { keysCommands } from './keys';

/** Every CLI command, in the order `attest --help` lists them. */
export const commands: readonly Command[] = [
  modelsCommand,
  serveCommand,
  logVerifyCommand,
  logExportCommand,
  signoffCommand,
  signoffListCommand,
  signoffExportCommand,
  monitorCommand,
  monitorThresholdCommand,
  ...replayCommands,
  importCommand,
  bundleVerifyCommand,
  ...keysCommands,
];
