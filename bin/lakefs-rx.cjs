#!/usr/bin/env node
'use strict';
// The published package runs its build. A fresh clone has no dist/ until `npm run build`, so there the
// command runs the TypeScript sources through tsx (a devDependency) instead: `npx lakefs-rx …` works either way.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cli.cjs');
if (existsSync(built)) {
  require(built);
} else {
  let register;
  try {
    ({ register } = require('tsx/cjs/api'));
  } catch {
    process.stderr.write('lakefs-rx: dist/cli.cjs is missing; run `npm run build` (or `npm ci` for tsx)\n');
    process.exit(1);
  }
  register();
  require(join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
