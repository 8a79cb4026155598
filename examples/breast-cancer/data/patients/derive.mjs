#!/usr/bin/env node
// Derives the feature-store example's data from ../breast_cancer.csv (run from anywhere; output is
// deterministic). Each aspirate becomes a patient with an id and a timeline:
//   measurements.csv: one measurement per patient at `measured_at` (the real values), plus for every
//     fifth patient an older measurement 60 days earlier and a follow-up 30 days AFTER the diagnosis,
//     both with values scaled by 0.8 / 1.25 (invented, to show that a training row takes the latest
//     value at or before its own time, never a later one);
//   diagnoses.csv: the diagnosis of each patient, 2 days after the measurement (the real label).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const [header, ...lines] = readFileSync(path.join(dir, '..', 'breast_cancer.csv'), 'utf8').trim().split('\n');
const features = header.split(',').slice(0, -1);
const day = 86_400_000;
const start = Date.UTC(2024, 0, 1);
const iso = (ms) => new Date(ms).toISOString();
const scaled = (values, k) => values.map((v) => String(+(Number(v) * k).toPrecision(6)));

const measurements = [`patient_id,measured_at,${features.join(',')}`];
const diagnoses = ['patient_id,diagnosed_at,diagnosis'];
lines.forEach((line, i) => {
  const cells = line.split(',');
  const values = cells.slice(0, -1);
  const id = `P${String(i + 1).padStart(4, '0')}`;
  const measuredAt = start + i * 6 * 3_600_000;
  if (i % 5 === 0) measurements.push(`${id},${iso(measuredAt - 60 * day)},${scaled(values, 0.8).join(',')}`);
  measurements.push(`${id},${iso(measuredAt)},${values.join(',')}`);
  if (i % 5 === 0) measurements.push(`${id},${iso(measuredAt + 32 * day)},${scaled(values, 1.25).join(',')}`);
  diagnoses.push(`${id},${iso(measuredAt + 2 * day)},${cells[cells.length - 1]}`);
});
writeFileSync(path.join(dir, 'measurements.csv'), `${measurements.join('\n')}\n`);
writeFileSync(path.join(dir, 'diagnoses.csv'), `${diagnoses.join('\n')}\n`);
console.log(`${measurements.length - 1} measurements, ${diagnoses.length - 1} diagnoses`);
