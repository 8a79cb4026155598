#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { parseArgs, release } = require('./release');

try {
  release(path.resolve(__dirname, '../..'), parseArgs(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`release: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof Error && /^(--|unknown option)/.test(err.message) ? 2 : 1);
}
