import type { GateDecision, ModelVersion, RegisteredModel, RegistryEvent } from '@mlops/core';
import { color, formatTime, table } from './format';

const num = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(+v.toPrecision(6)));

export function printModels(models: RegisteredModel[]): void {
  if (!models.length) return void process.stdout.write('no registered models yet: a pipeline registers one through the model registry\n');
  const rows = models.map((m) => [m.name, String(m.latestVersion), Object.entries(m.aliases).map(([a, v]) => `${a}→${v}`).join(' ') || '-', formatTime(m.updatedAt)]);
  process.stdout.write(`${table(['NAME', 'LATEST', 'ALIASES', 'UPDATED'], rows)}\n`);
}

export function printVersions(versions: ModelVersion[], metric: string | undefined): void {
  const metricOf = (v: ModelVersion) => (metric ? num(v.evaluations[v.evaluations.length - 1]?.metrics[metric]) : '');
  const rows = versions.map((v) => [String(v.version), v.aliases.join(' ') || '-', v.runId ?? '-', formatTime(v.createdAt), v.createdBy, ...(metric ? [metricOf(v)] : [])]);
  process.stdout.write(`${table(['VERSION', 'ALIASES', 'RUN', 'CREATED', 'BY', ...(metric ? [metric.toUpperCase()] : [])], rows)}\n`);
}

export function printVersion(v: ModelVersion): void {
  const out: string[] = [];
  out.push(`${color.bold(`${v.name} v${v.version}`)}  ${v.aliases.map((a) => color.cyan(`@${a}`)).join(' ')}`);
  out.push(`created ${formatTime(v.createdAt)} by ${v.createdBy}${v.runId ? `, run ${v.runId}` : ''}`);
  if (v.training) out.push(`trained with ${v.training.kind}`);
  out.push(`task ${v.signature.task}; ${v.signature.inputs.length} inputs${v.signature.classes ? `; classes ${v.signature.classes.join(', ')}` : ''}`);
  out.push(`artifacts: ${Object.entries(v.artifacts).map(([k, d]) => `${k} ${d.slice(0, 19)}`).join(', ')}`);
  for (const e of v.evaluations) {
    out.push(`evaluation on ${e.datasetName ?? 'data'} ${e.datasetDigest.slice(0, 19)} (${formatTime(e.evaluatedAt)})`);
    out.push(table(['METRIC', 'VALUE'], Object.entries(e.metrics).map(([k, x]) => [k, num(x)])).replace(/^/gm, '  '));
  }
  if (Object.keys(v.tags).length) out.push(`tags: ${Object.entries(v.tags).map(([k, x]) => `${k}=${x}`).join(' ')}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function printDecision(d: GateDecision): void {
  const verdict = d.passed ? color.green('passed') : color.red('refused');
  process.stdout.write(`gate ${verdict}: ${d.metric} (${d.direction} is better) candidate ${num(d.candidate)} vs incumbent ${d.incumbentVersion === null ? 'none' : `v${d.incumbentVersion}`} ${num(d.incumbent)}${d.datasetDigest ? ` on ${d.datasetDigest.slice(0, 19)}` : ''}\n`);
  for (const g of d.guards) process.stdout.write(`  guard ${g.metric}: candidate ${num(g.candidate)} vs ${num(g.incumbent)} (tolerance ${g.tolerance}) ${g.passed ? color.green('ok') : color.red('regressed')}\n`);
  for (const r of d.reasons) process.stdout.write(`  - ${r}\n`);
}

export function printHistory(events: RegistryEvent[]): void {
  if (!events.length) return void process.stdout.write('no events\n');
  const what = (e: RegistryEvent) => {
    const alias = e.alias ? ` @${e.alias}` : '';
    const from = e.fromVersion === null ? 'none' : `v${e.fromVersion}`;
    if (e.type === 'promotion-refused') return `${e.type}${alias} v${e.version} (kept ${from})`;
    if (e.alias && e.version !== null) return `${e.type}${alias} ${from}→v${e.version}`;
    return `${e.type}${e.version !== null ? ` v${e.version}` : ''}`;
  };
  const rows = events.map((e) => [formatTime(e.at), e.type.includes('refused') ? color.red(what(e)) : what(e), e.actor, e.reason ?? '']);
  process.stdout.write(`${table(['WHEN', 'EVENT', 'WHO', 'WHY'], rows)}\n`);
}
