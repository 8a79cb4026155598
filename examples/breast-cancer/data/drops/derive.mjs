#!/usr/bin/env node
// Derives the retraining example's labelled data drop from ../breast_cancer.csv (deterministic):
// every aspirate with the time its diagnosis was confirmed (`labelled_at`, one every 6 hours from
// 2024-01-01), the shape a lab's export of newly labelled cases has. The `retrain` pipeline fetches
// it, validates it, and keeps the rows labelled at or before its `asOf` cutoff.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const [header, ...lines] = readFileSync(path.join(dir, '..', 'breast_cancer.csv'), 'utf8').trim().split('\n');
const start = Date.UTC(2024, 0, 1);
const out = [`${header},labelled_at`, ...lines.map((line, i) => `${line},${new Date(start + i * 6 * 3_600_000).toISOString()}`)];
writeFileSync(path.join(dir, 'labelled.csv'), `${out.join('\n')}\n`);
console.log(`${out.length - 1} labelled rows`);
