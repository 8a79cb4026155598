import type { VersionPerformance } from '../performance/versionPerformance';
import type { PerformanceDropRule } from './alertRules';
import type { AlertCandidate } from './applyRules';

const fmt = (x: number) => String(+x.toFixed(4));

/**
 * What the `performance-drop` rules say about one window of one version (`model` is `name:version`,
 * for titles). A rule without a reference value (no evaluation with that metric, none in the rule),
 * without an estimate (no calibration) or with too few labels (realized) stays quiet: there is
 * nothing to compare; `skipped` says why so `mlops monitor` can show it.
 */
export function applyPerformanceRules(rules: readonly PerformanceDropRule[], perf: VersionPerformance, model: string): { candidates: AlertCandidate[]; skipped: string[] } {
  const candidates: AlertCandidate[] = [];
  const skipped: string[] = [];
  const w = perf.performance;
  for (const rule of rules) {
    const name = rule.name ?? rule.kind;
    const reference = rule.reference ?? perf.reference[rule.metric];
    if (reference === undefined || !Number.isFinite(reference)) {
      skipped.push(`${name}: no reference ${rule.metric} (the version has no evaluation with it; set the rule's reference)`);
      continue;
    }
    let value: number | null = null;
    let how: string;
    if (rule.source === 'estimated') {
      if (!w.estimated) {
        skipped.push(`${name}: no estimate (the version has no cbpe artifact, or the window is empty)`);
        continue;
      }
      value = w.estimated.metrics[rule.metric];
      const validity = w.estimated.valid === false ? 'flagged INVALID (concept drift): realized labels disagree' : w.estimated.valid ? 'checked against realized labels' : 'not yet checked against labels';
      how = `CBPE estimate on ${w.estimated.rows} rows (${validity})`;
    } else {
      if (!w.realized || w.labelled < rule.minLabels) {
        skipped.push(`${name}: ${w.labelled} labelled rows, fewer than minLabels (${rule.minLabels})`);
        continue;
      }
      value = (w.realized.metrics as unknown as Record<string, number | null>)[rule.metric] ?? null;
      how = `realized on ${w.labelled} labelled rows of ${w.rows}`;
    }
    if (value === null || !Number.isFinite(value)) continue;
    const drop = reference - value;
    if (!(drop > rule.maxDrop)) continue;
    candidates.push({
      rule: name,
      kind: rule.kind,
      column: `performance.${rule.metric}`,
      severity: rule.severity,
      retrain: rule.retrain,
      value: drop,
      threshold: rule.maxDrop,
      title: `${model}: ${rule.source} ${rule.metric} ${fmt(value)} is ${fmt(drop)} below the reference ${fmt(reference)} (limit ${rule.maxDrop})`,
      detail: how,
    });
  }
  return { candidates, skipped };
}
