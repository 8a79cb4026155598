#!/usr/bin/env node
// Optuna's side of the GBDT-tuning objective: one JSON object of params per stdin line, the held-out
// log loss (gbdtObjective.mjs) per stdout line, so both tuners optimise the very same function.
import { createInterface } from 'node:readline';
import { gbdtLoss } from './gbdtObjective.mjs';

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim()) process.stdout.write(`${await gbdtLoss(JSON.parse(line))}\n`);
}
