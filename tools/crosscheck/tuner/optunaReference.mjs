// Optuna's side of tpe-quality.mjs, kept in git: tpe-quality-optuna.json holds Optuna's best value
// after each checkpoint, per function and seed, with the Optuna version and a fingerprint of the
// code that made it (optuna_side.py's objective and benchmark(), the GBDT objective's values at two
// fixed points). Optuna is deterministic per seed, so these rows never need rerunning, which took
// about an hour of CPU per fresh machine before. A file made by another Optuna version or other
// code is refused, not silently mixed in; --refresh reruns the cells asked for.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const referenceFile = join(here, 'tpe-quality-optuna.json');
const python = '/usr/bin/python3';
// What every row was made with, besides the per-function fingerprints; part of the file so that a
// reader knows the exact settings without reading the tool.
const SAMPLER = 'optuna.samplers.TPESampler(seed=seed) with every other argument at its default; optuna.create_study(sampler=...) (minimize, in-memory); one optuna_side.py process per function and seed';

function runSide(job) {
  const r = spawnSync(python, [join(here, 'optuna_side.py')], { input: JSON.stringify(job), maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) throw new Error(`optuna_side.py ${job.kind} failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The installed Optuna's version and the fingerprint of each function, or null without Python/Optuna. */
export async function currentFingerprint(names) {
  let side;
  try {
    side = runSide({ kind: 'fingerprint', functions: names });
  } catch {
    return null;
  }
  const functions = {};
  for (const name of names) {
    functions[name] = { code: side.result.functions[name] };
    // The GBDT objective is our trainer on shipped data: a change to either changes Optuna's rows,
    // which its Python source does not show, so two fixed points' losses stand for it.
    if (name === 'gbdt') {
      const { gbdtLoss } = await import('./gbdtObjective.mjs');
      functions[name].probe = [
        await gbdtLoss({ learningRate: 0.1, maxDepth: 3, minSamplesLeaf: 20, l2: 1, nRounds: 50 }),
        await gbdtLoss({ learningRate: 0.5, maxDepth: 8, minSamplesLeaf: 1, l2: 0.001, nRounds: 100 }),
      ];
    }
  }
  return { optuna: side.optuna, functions };
}

const emptyReference = (optuna) => ({ optuna, sampler: SAMPLER, functions: {} });

/** The recorded file, or an empty one; throws when it was made by another Optuna version or code (unless refreshing). */
export function loadReference(current, names, refresh) {
  if (!existsSync(referenceFile)) return emptyReference(current?.optuna);
  const ref = JSON.parse(readFileSync(referenceFile, 'utf8'));
  if (!current) return ref;
  const problems = [];
  if (ref.optuna !== current.optuna) problems.push(`made by Optuna ${ref.optuna}, installed is ${current.optuna}`);
  if (ref.sampler !== SAMPLER) problems.push(`made with sampler settings "${ref.sampler}"`);
  for (const name of names) {
    const rec = ref.functions[name];
    if (rec && JSON.stringify(fingerprintOf(rec)) !== JSON.stringify(current.functions[name])) {
      problems.push(`${name}: recorded ${JSON.stringify(fingerprintOf(rec))}, current ${JSON.stringify(current.functions[name])}`);
    }
  }
  if (!problems.length) return ref;
  if (!refresh) throw new Error(`${referenceFile}: ${problems.join('; ')}. Rerun with --refresh to remake the rows asked for.`);
  // Refreshing: a version or sampler change invalidates every row, a code change that function's.
  if (ref.optuna !== current.optuna || ref.sampler !== SAMPLER) return emptyReference(current.optuna);
  for (const name of names) if (JSON.stringify(fingerprintOf(ref.functions[name] ?? {})) !== JSON.stringify(current.functions[name])) delete ref.functions[name];
  return ref;
}

const fingerprintOf = ({ code, probe }) => (probe ? { code, probe } : { code });

/** One line per seed, keys in numeric order (JS orders integer keys), so the file diffs by seed. */
export function saveReference(ref) {
  const fns = Object.keys(ref.functions).sort().map((name) => {
    const { seeds, ...fp } = ref.functions[name];
    const rows = Object.keys(seeds).map((s) => `        "${s}": ${JSON.stringify(seeds[s])}`);
    return `    "${name}": {\n${Object.entries(fp).map(([k, v]) => `      "${k}": ${JSON.stringify(v)},\n`).join('')}      "seeds": {\n${rows.join(',\n')}\n      }\n    }`;
  });
  const text = `{\n  "optuna": ${JSON.stringify(ref.optuna)},\n  "sampler": ${JSON.stringify(ref.sampler)},\n  "functions": {\n${fns.join(',\n')}\n  }\n}\n`;
  JSON.parse(text); // never write a file this module could not read back
  writeFileSync(`${referenceFile}.tmp`, text);
  renameSync(`${referenceFile}.tmp`, referenceFile);
}

/** Records one seed's row ({ checkpoint: best so far }) under the current fingerprint. */
export function recordRow(ref, current, name, seed, row) {
  ref.functions[name] ??= { ...current.functions[name], seeds: {} };
  ref.functions[name].seeds[seed] = { ...ref.functions[name].seeds[seed], ...row };
}

/**
 * Optuna's rows [seed][checkpoint] for one function: recorded cells are read, missing ones (or all
 * with refresh) made by one optuna_side.py process per seed and written back after each seed, so an
 * interrupted run keeps what it finished.
 */
export function optunaRows(ref, current, name, seeds, checkpoints, refresh) {
  const t0 = Date.now();
  let ran = 0;
  const rows = seeds.map((seed) => {
    const have = ref.functions[name]?.seeds[seed];
    if (!refresh && have && checkpoints.every((n) => n in have)) return checkpoints.map((n) => have[n]);
    if (!current) throw new Error(`${referenceFile} has no ${name} seed ${seed} at ${checkpoints.join('/')} trials, and ${python} cannot import optuna to make it`);
    const side = runSide({ kind: 'benchmark', functions: [name], seeds: [seed], checkpoints });
    const values = side.result[name][0];
    recordRow(ref, current, name, seed, Object.fromEntries(checkpoints.map((n, i) => [n, values[i]])));
    saveReference(ref);
    ran++;
    return values;
  });
  return { rows, seconds: (Date.now() - t0) / 1000, ran };
}
