import { permutationImportance } from './paramImportance';
import { seededRandom } from './regressionForest';
import { studyReportLimits as limits, type ParamAxis, type ReportCurve, type StudyReportData, type StudyReportInput, type StudyReportTrialInput } from './StudyReportData';

/**
 * A study's report data from its trials: columns in trial order, best so far, parameter axes,
 * importances of the first objective, bounded learning curves and the Pareto front. Pure (seeded).
 */
export function buildStudyReport(input: StudyReportInput): StudyReportData {
  const trials = [...input.trials].sort((a, b) => a.number - b.number);
  const directions = [...input.directions];
  const sign = directions[0] === 'maximize' ? -1 : 1;
  const counts = { complete: 0, pruned: 0, fail: 0, running: 0, waiting: 0 };
  for (const t of trials) counts[t.state]++;
  const axes = paramAxes(trials);
  const complete = (t: StudyReportTrialInput) => t.state === 'complete' && t.values !== undefined && t.values.every(Number.isFinite);
  const violates = (t: StudyReportTrialInput) => t.constraints?.some((c) => c > 0) ?? false;
  const feasible = (t: StudyReportTrialInput) => complete(t) && !violates(t);
  const bestSoFar: Array<number | null> = [];
  let best: StudyReportTrialInput | undefined;
  for (const t of trials) {
    if (feasible(t) && (best === undefined || sign * t.values![0]! < sign * best.values![0]!)) best = t;
    bestSoFar.push(best ? best.values![0]! : null);
  }
  const data: StudyReportData = {
    study: { name: input.name, directions },
    counts,
    ...(best && directions.length === 1 ? { best: { number: best.number, value: best.values![0]!, params: { ...best.params } } } : {}),
    params: axes,
    trials: {
      number: trials.map((t) => t.number),
      state: trials.map((t) => t.state),
      values: directions.map((_, k) => trials.map((t) => finiteOrNull(t.values?.[k]))),
      params: axes.map((axis) => trials.map((t) => encode(axis, t.params[axis.name]))),
      bestSoFar,
      infeasible: trials.flatMap((t, i) => (violates(t) ? [i] : [])),
    },
    curves: learningCurves(trials, sign),
  };
  const importances = input.importances === false ? undefined : importanceOf(trials.filter(complete), axes, input.seed ?? 0);
  if (importances) data.importances = importances;
  if (directions.length > 1) data.paretoFront = paretoFront(trials.filter(feasible), directions);
  return data;
}

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

function paramAxes(trials: readonly StudyReportTrialInput[]): ParamAxis[] {
  const seen = new Map<string, Array<string | number | boolean | null>>();
  for (const t of trials) for (const [name, v] of Object.entries(t.params)) (seen.get(name) ?? seen.set(name, []).get(name)!).push(v);
  return [...seen.entries()].map(([name, values]) => {
    if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const nums = values as number[];
      const [min, max] = [Math.min(...nums), Math.max(...nums)];
      return { name, kind: 'numeric', log: looksLogScaled(nums, min, max), min, max };
    }
    const choices = [...new Set(values)];
    return { name, kind: 'categorical', log: false, min: 0, max: choices.length - 1, choices };
  });
}

// Positive, over ≥ 2 decades, and bunched at the low end (the median in the lowest fifth of the
// linear range), as log-uniform draws are; uniform draws on (0, 1] span decades too but are not.
function looksLogScaled(values: number[], min: number, max: number): boolean {
  if (!(min > 0) || max / min < 100) return false;
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  return (median - min) / (max - min) < 0.2;
}

function encode(axis: ParamAxis, v: string | number | boolean | null | undefined): number | null {
  if (v === undefined) return null;
  if (axis.kind === 'numeric') return v as number;
  return axis.choices!.indexOf(v);
}

// Every curve when there are few; beyond maxCurves an even spread by trial number plus the best trial's.
function learningCurves(trials: readonly StudyReportTrialInput[], sign: number): StudyReportData['curves'] {
  const withCurves = trials.filter((t) => t.state !== 'waiting' && t.intermediate !== undefined && hasEntries(t.intermediate));
  let chosen = withCurves;
  if (withCurves.length > limits.maxCurves) {
    const stride = withCurves.length / (limits.maxCurves - 1);
    const picked = new Set<StudyReportTrialInput>();
    for (let i = 0; i < limits.maxCurves - 1; i++) picked.add(withCurves[Math.floor(i * stride)]!);
    const bestFinal = withCurves.filter((t) => t.state === 'complete' && t.values).sort((a, b) => sign * (a.values![0]! - b.values![0]!))[0];
    if (bestFinal) picked.add(bestFinal);
    chosen = withCurves.filter((t) => picked.has(t));
  }
  const shown: ReportCurve[] = chosen.map((t) => {
    const entries = [...t.intermediate!].sort((a, b) => a[0] - b[0]);
    const keep = entries.length <= limits.maxCurvePoints ? entries : evenly(entries, limits.maxCurvePoints);
    return { number: t.number, state: t.state as ReportCurve['state'], steps: keep.map((e) => e[0]), values: keep.map((e) => finiteOrNull(e[1])) };
  });
  return { total: withCurves.length, shown };
}

function hasEntries(it: Iterable<readonly [number, number]>): boolean {
  for (const _ of it) return true;
  return false;
}

// `count` entries spread evenly, the first and the last always among them.
function evenly<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

function importanceOf(complete: StudyReportTrialInput[], axes: ParamAxis[], seed: number): StudyReportData['importances'] {
  if (axes.length === 0 || complete.length < 4) return undefined;
  let rows = complete;
  if (rows.length > limits.maxImportanceTrials) {
    // A seeded sample (partial Fisher–Yates), so early and late trials are both represented.
    const random = seededRandom(seed);
    const copy = [...rows];
    for (let i = 0; i < limits.maxImportanceTrials; i++) {
      const k = i + Math.floor(random() * (copy.length - i));
      [copy[i], copy[k]] = [copy[k]!, copy[i]!];
    }
    rows = copy.slice(0, limits.maxImportanceTrials);
  }
  // An absent (conditional) parameter splits below every present value.
  const columns = axes.map((axis) =>
    Float64Array.from(rows, (t) => {
      const v = encode(axis, t.params[axis.name]);
      if (v === null) return axis.kind === 'numeric' ? axis.min - Math.abs(axis.min) - 1 : -1;
      return axis.log ? Math.log(v) : v;
    }),
  );
  const target = Float64Array.from(rows, (t) => t.values![0]!);
  const { importances, trees } = permutationImportance({ columns, target }, { trees: limits.importanceTrees, seed });
  const values = axes.map((a, j) => ({ name: a.name, importance: importances[j]! })).sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name));
  return { method: 'permutation importance on a random forest (out-of-bag)', trials: rows.length, trees, values };
}

function paretoFront(complete: StudyReportTrialInput[], directions: ReadonlyArray<'minimize' | 'maximize'>): number[] {
  const signs = directions.map((d) => (d === 'maximize' ? -1 : 1));
  const dominates = (a: readonly number[], b: readonly number[]) => {
    let better = false;
    for (let k = 0; k < signs.length; k++) {
      const [x, y] = [signs[k]! * a[k]!, signs[k]! * b[k]!];
      if (x > y) return false;
      if (x < y) better = true;
    }
    return better;
  };
  // Sorted lexicographically, a trial's dominators all come before it, and one of them is on the
  // front (dominance is transitive), so checking against the front so far suffices: O(n · front).
  const lex = (a: StudyReportTrialInput, b: StudyReportTrialInput) => {
    for (let k = 0; k < signs.length; k++) if (a.values![k] !== b.values![k]) return signs[k]! * (a.values![k]! - b.values![k]!);
    return 0;
  };
  const front: StudyReportTrialInput[] = [];
  for (const t of [...complete].sort(lex)) if (!front.some((o) => dominates(o.values!, t.values!))) front.push(t);
  return front.map((t) => t.number).sort((a, b) => a - b);
}
