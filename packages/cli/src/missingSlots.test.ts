import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// Every command that needs a plugin the config leaves out fails the same way: exit 2 and one line
// naming the slot to fill and the package that fills it (before, some exited 1 with a PluginError).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-slots-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  // Only the embedded storage defaults: every other slot is empty.
  writeFileSync(path.join(project, 'mlops.config.ts'), "import { defineConfig } from '@mlops/core';\nexport default defineConfig({ project: 'bare', plugins: {}, pipelines: {} });\n");
  writeFileSync(path.join(project, 'labels.csv'), 'requestId,label\nr1,1\n');
  writeFileSync(path.join(project, 'rows.csv'), 'a\n1\n');
  // The orchestrator slot has an embedded default (@mlops/orchestrator-local on an SQL metadata
  // store): `false` leaves it empty.
  writeFileSync(path.join(project, 'no-orchestrator.config.ts'), "import { defineConfig } from '@mlops/core';\nexport default defineConfig({ project: 'bare', plugins: { orchestrator: false }, pipelines: {} });\n");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const cases: [args: string, slot: string, pkg: string][] = [
  ['tune ls', 'tuner', '@mlops/tuner'],
  ['tune show s1', 'tuner', '@mlops/tuner'],
  ['tune run s1', 'tuner', '@mlops/tuner'],
  ['tune resume s1', 'tuner', '@mlops/tuner'],
  ['alerts ls', 'monitor', '@mlops/monitor'],
  ['alerts retrain-requests', 'monitor', '@mlops/monitor'],
  ['features plan', 'featureStore', '@mlops/feature-store'],
  ['features apply', 'featureStore', '@mlops/feature-store'],
  ['features materialize --start 2024-01-01 --end 2024-01-02', 'featureStore', '@mlops/feature-store'],
  ['features materialize-incremental --end 2024-01-02', 'featureStore', '@mlops/feature-store'],
  ['features ingest patients', 'featureStore', '@mlops/feature-store'],
  ['feedback import labels.csv', 'monitor', '@mlops/monitor'],
  ['queue status -c no-orchestrator.config.ts', 'orchestrator', '@mlops/orchestrator-bullmq'],
  ['worker -c no-orchestrator.config.ts', 'orchestrator', '@mlops/orchestrator-bullmq'],
  ['scheduler -c no-orchestrator.config.ts', 'orchestrator', '@mlops/orchestrator-bullmq'],
  ['retrain train -c no-orchestrator.config.ts', 'orchestrator', '@mlops/orchestrator-bullmq'],
  ['models ls', 'modelRegistry', '@mlops/model-registry'],
  ['models show m', 'modelRegistry', '@mlops/model-registry'],
  ['build --model m@champion', 'modelRegistry', '@mlops/model-registry'],
  ['serve --model m@champion', 'modelRegistry', '@mlops/model-registry'],
  ['predict --model m@champion --input rows.csv --output out.csv', 'modelRuntime', '@mlops/runtime-onnx'],
  ['runs ls --filter params.a=1', 'tracker', '@mlops/tracker'],
];

describe('a command whose plugin is not configured', () => {
  it.each(cases)('mlops %s: exit 2, one line naming plugins.%s and %s', (args, slot, pkg) => {
    const r = spawnSync(process.execPath, [bin, ...args.split(' ')], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    expect({ status: r.status, lines: r.stderr.trimEnd().split('\n').length }).toEqual({ status: 2, lines: 1 });
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(`plugins.${slot}`);
    expect(r.stderr).toContain(pkg);
  });
});
