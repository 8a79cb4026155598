#!/usr/bin/env node
// Cross-check of @mlops/transforms (built packages) against Python:
//  1. every transform's ONNX export, and full chains, pass Debian onnx 1.12's
//     onnx.checker.check_model(model, full_check=True) (which includes strict shape inference);
//  2. the fitted parameters and transformed outputs of the standard, min-max and robust scalers,
//     the simple imputer (all strategies, numeric and categorical) and the one-hot/ordinal
//     encoders equal scikit-learn's on a generated CSV, to 1e-9 relative (values below 1 are
//     compared absolutely, since relative error means nothing at 0);
//  3. onnxruntime-node runs a chain fitted on half the rows on the other half and gives the
//     in-process features to 1e-6.
//
//   npx tsc -b packages/onnx packages/transforms && node tools/crosscheck/onnx/crosscheck-onnx.mjs [--rows 5000]
//
// Prints one PASS/FAIL line per check and exits non-zero on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const python = '/usr/bin/python3';
const tolerance = 1e-9;
const argRows = process.argv.indexOf('--rows');
const rows = argRows === -1 ? 5000 : Number(process.argv[argRows + 1]);

const load = (pkg) => {
  const dist = join(root, 'packages', pkg, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`npx tsc -b packages/onnx packages/transforms\` first`);
  return createRequire(import.meta.url)(dist);
};
const { readCsv } = load('frame');
const T = load('transforms');

const results = [];
const check = (name, ok, detail) => {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

// ---- the data: a seeded CSV with nulls in every column, a constant column and odd categories
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const dir = mkdtempSync(join(tmpdir(), 'mlops-crosscheck-onnx-'));
const csvPath = join(dir, 'data.csv');
{
  const rand = mulberry32(20240611);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const cities = ['paris', 'Zurich', 'éton', 'amsterdam', '😀moji', '\uE000private', 'oslo'];
  const lines = ['a,b,c,d,city'];
  for (let r = 0; r < rows; r++) {
    const cell = (p, v) => (rand() < p ? '' : String(v));
    lines.push(
      [
        cell(0.1, normal() * 3.5 + 1.25),
        cell(0.05, Math.floor(rand() * 1000) - 200),
        cell(0.02, 1e6 + normal() * 250),
        cell(0.1, 3.7),
        cell(0.08, cities[Math.floor(rand() ** 1.5 * cities.length)]),
      ].join(','),
    );
  }
  writeFileSync(csvPath, lines.join('\n') + '\n');
}
const { frame } = await readCsv(csvPath, { schema: { city: 'category' } });
const numeric = ['a', 'b', 'c', 'd'];

// ---- scikit-learn's side, in one Python process
const sklearnScript = `
import json, sys
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler, MinMaxScaler, RobustScaler, OneHotEncoder, OrdinalEncoder
from sklearn.impute import SimpleImputer

# round_trip: pandas' default float parser can be 1 ulp off; ours (and this one) round correctly.
df = pd.read_csv(sys.argv[1], keep_default_na=False, na_values=[''], dtype={'city': object}, float_precision='round_trip')
X = df[${JSON.stringify(numeric)}].to_numpy(dtype=np.float64)
def clean(a):
    a = np.asarray(a, dtype=object if getattr(a, 'dtype', None) == object else np.float64)
    if a.dtype == object:
        return [None if (v is None or (isinstance(v, float) and np.isnan(v))) else v for v in a.ravel().tolist()]
    return [None if np.isnan(v) else float(v) for v in a.ravel().tolist()]
out = {}
s = StandardScaler().fit(X); out['standard'] = {'mean': clean(s.mean_), 'scale': clean(s.scale_), 'out': clean(s.transform(X))}
m = MinMaxScaler().fit(X); out['minmax'] = {'min': clean(m.data_min_), 'max': clean(m.data_max_), 'out': clean(m.transform(X))}
r = RobustScaler().fit(X); out['robust'] = {'center': clean(r.center_), 'scale': clean(r.scale_), 'out': clean(r.transform(X))}
for strategy in ['mean', 'median', 'most_frequent', 'constant']:
    i = SimpleImputer(strategy=strategy).fit(X)
    out['impute_' + strategy] = {'fill': clean(i.statistics_), 'out': clean(i.transform(X))}
C = df[['city']].to_numpy(dtype=object)
for strategy in ['most_frequent', 'constant']:
    i = SimpleImputer(strategy=strategy, missing_values=np.nan).fit(C)
    out['impute_city_' + strategy] = {'fill': clean(i.statistics_), 'out': clean(i.transform(C))}
present = df[['city']].dropna().to_numpy(dtype=object)
o = OneHotEncoder(handle_unknown='ignore').fit(present)
out['onehot'] = {'categories': [str(c) for c in o.categories_[0]], 'out': clean(o.transform(present).toarray())}
e = OrdinalEncoder().fit(present)
out['ordinal'] = {'categories': [str(c) for c in e.categories_[0]], 'out': clean(e.transform(present))}
print(json.dumps(out))
`;
const sk = JSON.parse(execFileSync(python, ['-c', sklearnScript, csvPath], { encoding: 'utf8', maxBuffer: 1 << 28 }).trim().split('\n').pop());

// ---- comparisons
const diff = (a, b) => {
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) {
    const missing = (v) => v === null || Number.isNaN(v);
    return missing(a) && missing(b) ? 0 : Infinity;
  }
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1);
};
function compareNumbers(name, ours, theirs) {
  if (ours.length !== theirs.length) return check(name, false, `length ${ours.length} vs scikit-learn ${theirs.length}`);
  let worst = 0;
  let at = -1;
  for (let k = 0; k < ours.length; k++) {
    const d = diff(ours[k], theirs[k]);
    if (d > worst) [worst, at] = [d, k];
  }
  check(name, worst <= tolerance, `${ours.length} values, max rel diff ${worst.toExponential(2)}${at >= 0 ? ` at [${at}]: ours ${ours[at]}, scikit-learn ${theirs[at]}` : ''}`);
}
function compareExact(name, ours, theirs) {
  const bad = ours.findIndex((v, k) => v !== theirs[k]);
  const ok = ours.length === theirs.length && bad < 0;
  check(name, ok, ok ? `${ours.length} values equal` : `first difference at [${bad}]: ${JSON.stringify(ours[bad])} vs ${JSON.stringify(theirs[bad])}`);
}
/** Row-major values of `names` (null for missing), the layout of scikit-learn's output. */
function rowMajor(f, names) {
  const out = [];
  const cols = names.map((n) => f.column(n));
  for (let r = 0; r < f.rowCount; r++) {
    for (const c of cols) {
      if (c.nulls && c.nulls[r]) out.push(null);
      else if (c.dtype === 'category') out.push(c.data[r] < 0 ? null : c.dictionary[c.data[r]]);
      else out.push(c.data[r]);
    }
  }
  return out;
}

const scalers = [
  ['standard', T.standardScaler, ['mean', 'scale']],
  ['minmax', T.minMaxScaler, ['min', 'max']],
  ['robust', T.robustScaler, ['center', 'scale']],
];
for (const [key, factory, params] of scalers) {
  const fitted = factory({ columns: numeric }).fit(frame);
  const data = fitted.toJSON();
  for (const p of params) compareNumbers(`${data.kind} ${p}`, data[p], sk[key][p]);
  compareNumbers(`${data.kind} output`, rowMajor(fitted.transform(frame), numeric), sk[key].out);
}
for (const strategy of ['mean', 'median', 'most_frequent', 'constant']) {
  const fitted = T.simpleImputer({ strategy, columns: numeric }).fit(frame);
  compareNumbers(`simple-imputer ${strategy} fill`, fitted.toJSON().fill, sk[`impute_${strategy}`].fill);
  compareNumbers(`simple-imputer ${strategy} output`, rowMajor(fitted.transform(frame), numeric), sk[`impute_${strategy}`].out);
}
for (const strategy of ['most_frequent', 'constant']) {
  const fitted = T.simpleImputer({ strategy, columns: ['city'] }).fit(frame);
  compareExact(`simple-imputer ${strategy} fill (category)`, fitted.toJSON().fill, sk[`impute_city_${strategy}`].fill);
  compareExact(`simple-imputer ${strategy} output (category)`, rowMajor(fitted.transform(frame), ['city']), sk[`impute_city_${strategy}`].out);
}
{
  const city = frame.column('city');
  const present = frame.take(Int32Array.from({ length: frame.rowCount }, (_, r) => r).filter((r) => city.data[r] >= 0));
  const hot = T.oneHotEncoder({ columns: ['city'] }).fit(present);
  compareExact('one-hot-encoder categories (code point order)', hot.toJSON().categories[0], sk.onehot.categories);
  const encoded = hot.transform(present);
  compareNumbers('one-hot-encoder output', rowMajor(encoded, encoded.names.filter((n) => n.startsWith('city_'))), sk.onehot.out);
  const ord = T.ordinalEncoder({ columns: ['city'] }).fit(present);
  compareExact('ordinal-encoder categories', ord.toJSON().categories[0], sk.ordinal.categories);
  compareNumbers('ordinal-encoder output', rowMajor(ord.transform(present), ['city']), sk.ordinal.out);
}

// ---- ONNX exports through onnx.checker
const models = {
  'standard-scaler': T.transformChain([T.standardScaler()], { columns: numeric }),
  'min-max-scaler': T.transformChain([T.minMaxScaler()], { columns: numeric }),
  'robust-scaler': T.transformChain([T.robustScaler()], { columns: numeric }),
  'simple-imputer-numeric': T.transformChain([T.simpleImputer({ strategy: 'median' })], { columns: numeric }),
  'simple-imputer-category': T.transformChain([T.simpleImputer({ strategy: 'most_frequent', columns: ['city'] }), T.ordinalEncoder()]),
  'one-hot-encoder-ignore': T.transformChain([T.oneHotEncoder({ handleUnknown: 'ignore' })]),
  'one-hot-encoder-error': T.transformChain([T.oneHotEncoder()]),
  'ordinal-encoder': T.transformChain([T.ordinalEncoder({ unknownValue: -1 })]),
  'full-chain': T.transformChain([
    T.simpleImputer({ strategy: 'median', columns: ['a', 'b'] }),
    T.simpleImputer({ strategy: 'constant', columns: ['city'] }),
    T.standardScaler({ columns: ['a', 'b'] }),
    T.robustScaler({ columns: ['c'] }),
    T.minMaxScaler({ columns: ['d'] }),
    T.oneHotEncoder({ handleUnknown: 'ignore' }),
  ]),
  'full-chain-split': T.transformChain([T.oneHotEncoder(), T.standardScaler({ columns: ['city_paris', 'a'] })]),
};
const files = [];
for (const [name, chain] of Object.entries(models)) {
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, chain.fit(frame).toOnnx());
  files.push(path);
}
console.log(`models written to ${dir}`);

const checkerScript = `
import json, sys
import onnx
res = {}
for p in sys.argv[1:]:
    try:
        onnx.checker.check_model(onnx.load(p), full_check=True)
        res[p] = None
    except Exception as e:
        res[p] = type(e).__name__ + ': ' + str(e).strip().splitlines()[-1]
print(json.dumps({'version': onnx.__version__, 'results': res}))
`;
// python3-onnx may still be being installed by apt; wait a few minutes for the import to work.
let checker;
for (let attempt = 0; attempt < 20; attempt++) {
  const run = spawnSync(python, ['-c', checkerScript, ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status === 0) {
    checker = JSON.parse(run.stdout.trim().split('\n').pop());
    break;
  }
  if (!/No module named 'onnx'|ImportError/.test(run.stderr)) throw new Error(`onnx checker failed to run:\n${run.stderr}`);
  console.log(`import onnx failed (attempt ${attempt + 1}); retrying in 15 s`);
  await new Promise((resolve) => setTimeout(resolve, 15000));
}
if (!checker) check('onnx.checker available', false, 'python3 -c "import onnx" kept failing');
else {
  for (const path of files) {
    const error = checker.results[path];
    check(`onnx ${checker.version} check_model(full_check) ${path.split('/').pop()}`, error === null, error ?? '');
  }
}

// ---- onnxruntime-node runs the full chain on every row like the in-process transform. Column c
// (1e6 ± 250) is left out: float32 inputs cannot resolve it to 1e-6 after scaling (see README).
{
  const ort = createRequire(join(root, 'packages', 'transforms', 'package.json'))('onnxruntime-node');
  const fitted = T.transformChain(
    [
      T.simpleImputer({ strategy: 'median', columns: ['a', 'b'] }),
      T.simpleImputer({ strategy: 'constant', columns: ['city'] }),
      T.standardScaler({ columns: ['a', 'b'] }),
      T.minMaxScaler({ columns: ['d'] }),
      T.oneHotEncoder({ handleUnknown: 'ignore' }),
    ],
    { columns: ['a', 'b', 'd', 'city'] },
  ).fit(frame.slice(0, Math.floor(rows / 2)));
  // Serve the other half: it holds values outside the fitted ranges, and unseen rows.
  const serve = frame.slice(Math.floor(rows / 2));
  const session = await ort.InferenceSession.create(fitted.toOnnx());
  const feeds = Object.fromEntries(Object.entries(fitted.onnxFeeds(serve)).map(([k, f]) => [k, new ort.Tensor(f.type, f.data, [...f.dims])]));
  const got = (await session.run(feeds)).features.data;
  const want = fitted.features(serve).data;
  let worst = 0;
  for (let k = 0; k < want.length; k++) {
    const d = Number.isNaN(want[k]) ? (Number.isNaN(got[k]) ? 0 : Infinity) : Math.abs(got[k] - want[k]) / Math.max(1, Math.abs(want[k]));
    worst = Math.max(worst, d);
  }
  check('onnxruntime-node features = in-process features (1e-6)', got.length === want.length && worst <= 1e-6, `${want.length} values, max rel diff ${worst.toExponential(2)}`);
  await session.release();
}

const failed = results.filter((ok) => !ok).length;
console.log(failed === 0 ? `PASS crosscheck-onnx: ${results.length} checks` : `FAIL crosscheck-onnx: ${failed} of ${results.length} checks failed`);
process.exit(failed === 0 ? 0 : 1);
