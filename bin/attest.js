#!/usr/bin/env node
'use strict';
// The `attest` command. The TypeScript sources are bundled into dist/ by `npm run build`,
// which `npm ci` runs through the "prepare" script.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('attest: the command is not built yet (dist/cli.cjs is missing). Run `npm run build` in the Attest folder.\n');
  process.exit(3);
}
require(cli);
