import type { ColumnDriftResult, DatasetProfile } from '@mlops/drift';
import type { WindowDrift } from '../drift/windowDrift';
import type { AlertRule } from './alertRules';

/** An alert a rule raises for one model version, before the cooldown and the sinks. */
export interface AlertCandidate {
  rule: string;
  kind: AlertRule['kind'];
  column: string | null;
  severity: AlertRule['severity'];
  title: string;
  detail: string;
  value: number | null;
  threshold: number | null;
  retrain: boolean;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(+x.toFixed(4)));

function describe(r: ColumnDriftResult): string {
  const p = r.pValue === null ? '' : `, p = ${fmt(r.pValue)}`;
  return `${r.test} statistic ${fmt(r.statistic)}${p}, threshold ${fmt(r.threshold)} (${r.thresholdSource}); ${r.currentCount} window values vs ${r.referenceCount} reference`;
}

/** What the rules say about one window of one model version (`model` is `name:version`, for titles). */
export function applyRules(rules: readonly AlertRule[], drift: WindowDrift, current: DatasetProfile, model: string): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const rule of rules) {
    const base = { rule: rule.name ?? rule.kind, kind: rule.kind, severity: rule.severity, retrain: rule.retrain };
    const wanted = (column: string) => !('columns' in rule) || rule.columns === undefined || rule.columns.includes(column);
    switch (rule.kind) {
      case 'baseline-shift':
        for (const [column, s] of Object.entries(drift.shifts)) {
          if (column.startsWith('output.') && rule.columns === undefined) continue;
          if (!wanted(column)) continue;
          const value = Math.max(Math.abs(s.meanShift), Math.abs(s.stdShift));
          if (!(value > rule.k)) continue;
          out.push({ ...base, column, value, threshold: rule.k, title: `${model}: ${column} moved ${fmt(value)} standard deviations from its training baseline (limit ${rule.k})`, detail: `window mean ${fmt(s.currentMean)} (baseline ${fmt(s.referenceMean)}, shift ${fmt(s.meanShift)} σ), std ${fmt(s.currentStd)} (baseline ${fmt(s.referenceStd)}, shift ${fmt(s.stdShift)} σ)` });
        }
        break;
      case 'feature-drift':
      case 'output-drift':
        for (const r of (rule.kind === 'feature-drift' ? drift.features : drift.outputs).columns) {
          if (!r.drifted || !wanted(r.column)) continue;
          out.push({ ...base, column: r.column, value: r.statistic, threshold: r.threshold, title: `${model}: ${rule.kind === 'feature-drift' ? 'feature' : 'output'} ${r.column} drifted`, detail: describe(r) });
        }
        break;
      case 'dataset-drift': {
        const f = drift.features;
        const share = rule.share ?? f.driftShare;
        if (f.evaluated === 0 || f.share < share) break;
        const names = f.columns.filter((c) => c.drifted).map((c) => c.column);
        out.push({ ...base, column: null, value: f.share, threshold: share, title: `${model}: dataset drift, ${f.driftedCount} of ${f.evaluated} features drifted (share ${fmt(f.share)} ≥ ${share})`, detail: `drifted: ${names.join(', ')}` });
        break;
      }
      case 'threshold': {
        const value = statisticOf(rule.column, rule.statistic, drift, current);
        if (value === null) break;
        const over = rule.above !== undefined && value > rule.above;
        const under = rule.below !== undefined && value < rule.below;
        if (!over && !under) break;
        const bound = over ? rule.above! : rule.below!;
        out.push({ ...base, column: rule.column, value, threshold: bound, title: `${model}: ${rule.column} window ${rule.statistic} ${fmt(value)} is ${over ? 'above' : 'below'} ${bound}`, detail: `rule ${base.rule}` });
        break;
      }
      case 'performance-drop':
        // Needs the window's performance, not its drift: applyPerformanceRules.
        break;
    }
  }
  return out;
}

/** A column's window statistic, or null when the window has no such column (or no values). */
function statisticOf(column: string, statistic: 'mean' | 'std' | 'nullRate' | 'statistic', drift: WindowDrift, current: DatasetProfile): number | null {
  const profile = current.columns.get(column);
  if (!profile) return null;
  if (statistic === 'nullRate') {
    const total = profile.count + profile.nullCount;
    return total === 0 ? null : profile.nullCount / total;
  }
  if (statistic === 'statistic') return [...drift.features.columns, ...drift.outputs.columns].find((c) => c.column === column)?.statistic ?? null;
  if (profile.kind !== 'numeric' || profile.count === 0) return null;
  return statistic === 'mean' ? profile.mean : profile.std;
}
