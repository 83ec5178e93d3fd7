import type { Command } from '../command';
import { demoCommand } from './demo';
import { logExportCommand, logVerifyCommand } from './log';
import { signoffCommand, signoffExportCommand, signoffListCommand } from './signoff';
import { modelsCommand } from './models';
import { packCommands } from './pack';
import { monitorCommand, monitorThresholdCommand } from './monitor';
import { replayCommands } from './replay';
import { serveCommand } from './serve';
import { bundleCreateCommand, bundleVerifyCommand } from './bundle';
import { diffCommand, historyCommand } from './diff';
import { importCommand } from './import';
import { keysCommands } from './keys';
import { lineageCommand } from './lineage';
import { syncMlflowCommand } from './sync';

/** Every CLI command, in the order `attest --help` lists them. */
export const commands: readonly Command[] = [
  demoCommand,
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
  ...packCommands,
  importCommand,
  bundleCreateCommand,
  bundleVerifyCommand,
  historyCommand,
  diffCommand,
  lineageCommand,
  ...keysCommands,
  syncMlflowCommand,
];
