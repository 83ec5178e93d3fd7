import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 binding built for Electron's ABI (scripts/build-electron-native.mjs), kept apart from the
 * Node-ABI build in node_modules that tests and the CLI use, so neither overwrites the other.
 */
export function electronSqliteBinding(appRoot: string, resourcesPath: string | undefined): string {
  const candidates = [
    resourcesPath ? join(resourcesPath, 'electron-native', 'better_sqlite3.node') : undefined,
    join(appRoot, 'build', 'electron-native', 'better_sqlite3.node'),
  ].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      'The Electron build of better-sqlite3 is missing (build/electron-native/better_sqlite3.node). Run `npm start`, which builds it, or `node scripts/build-electron-native.mjs`.',
    );
  }
  return found;
}
