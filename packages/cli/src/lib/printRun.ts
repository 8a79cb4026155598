import type { ArtifactRecord, RunRecord, StepRunRecord, TrackedRun } from '@mlops/core';
import { color, formatBytes, formatDuration, formatTime, statusText, table, uniquePrefixLength } from './format';

/** Human summary of a run: header, steps, outputs. Shared by `run` and `runs show`. */
export function printRunSummary(run: RunRecord, steps: StepRunRecord[], artifacts: ArtifactRecord[], opts: { logs?: boolean; tracked?: TrackedRun; errorShownApart?: boolean } = {}): void {
  const out: string[] = [];
  out.push(`${color.bold('run')} ${run.id}  ${run.pipeline}  ${statusText(run.status)}  ${formatDuration(run.endedAt ? run.endedAt - run.startedAt : null)}`);
  out.push(color.dim(`started ${formatTime(run.startedAt)} on ${run.host} (pid ${run.pid})`));
  if (run.params && Object.keys(run.params).length) out.push(`params ${JSON.stringify(run.params)}`);
  if (Object.keys(run.tags).length) out.push(`tags ${Object.entries(run.tags).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (run.error && !opts.errorShownApart) out.push(color.red(`error: ${run.error}`));
  out.push('');
  const stepRunIdLength = uniquePrefixLength(steps.flatMap((s) => (s.cachedFrom ? [s.cachedFrom] : [])));
  out.push(
    table(
      ['STEP', 'STATUS', 'DURATION', 'NOTE'],
      steps.map((s) => [s.step, statusText(s.status), formatDuration(s.endedAt ? s.endedAt - s.startedAt : null), s.cachedFrom ? `from step run ${s.cachedFrom.slice(0, stepRunIdLength)}` : (opts.errorShownApart ? '' : (s.error?.split('\n')[0] ?? ''))]),
    ),
  );
  if (artifacts.length) {
    out.push('');
    // Long enough to tell apart (and to resolve with `mlops artifacts show`).
    const idLength = uniquePrefixLength(artifacts.map((a) => a.id));
    out.push(
      table(
        ['ARTIFACT', 'ID', 'VERSION', 'TYPE', 'SIZE', 'SUMMARY'],
        artifacts.map((a) => [a.name, a.id.slice(0, idLength), `v${a.version}`, a.serializer, formatBytes(a.size), summarize(a)]),
      ),
    );
  }
  const tracked = opts.tracked;
  if (tracked && Object.keys(tracked.metrics).length) {
    out.push('');
    out.push(table(['METRIC', 'VALUE'], Object.entries(tracked.metrics).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, String(+v.toPrecision(6))])));
  }
  if (tracked?.environment) {
    const env = tracked.environment;
    const git = env.git ? `git ${env.git.commit.slice(0, 12)}${env.git.dirty ? ' (dirty)' : ''}${env.git.branch ? ` on ${env.git.branch}` : ''}` : 'not in git';
    out.push('', color.dim(`${git}; node ${env.node}; ${env.os.platform} ${env.os.arch}; lockfile ${env.lockfileDigest?.slice(7, 19) ?? 'none'}; ${Object.keys(env.packages).length} packages recorded`));
  }
  if (opts.logs) {
    for (const s of steps.filter((s) => s.logs)) {
      out.push('', color.bold(`logs of ${s.step}`), s.logs);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function summarize(a: ArtifactRecord): string {
  const m = a.metadata as Record<string, unknown> | null;
  if (m && typeof m.rows === 'number') return `${m.rows} rows × ${m.columns} columns`;
  return '';
}
