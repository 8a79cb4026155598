import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '@mlops/testkit';
import { expectedP1, logisticOnnx, signature } from '../../serving/src/batch/__fixtures__/logisticModel';

// `mlops serve --model-file` needs no registry and no store: it starts none (no .mlops folder, no
// database driver loaded), unless a configured plugin needs one (a monitor logs to the metadata store)
// or a shadow is configured (it comes from the registry).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;
const servers: ChildProcess[] = [];

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-serve-file-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'model.onnx'), logisticOnnx());
  writeFileSync(path.join(project, 'signature.json'), JSON.stringify(signature));
  writeFileSync(path.join(project, 'plain.config.ts'), "export default { logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx' } };\n");
  writeFileSync(path.join(project, 'monitored.config.ts'), "export default { logLevel: 'warn', plugins: { modelRuntime: '@mlops/runtime-onnx', monitor: '@mlops/monitor' } };\n");
});
afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
  rmSync(project, { recursive: true, force: true });
});

/** Serves the file with a config; resolves with the port and the loaded module count once /ready answers. */
async function serve(config: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, '-c', config, 'serve', '--model-file', 'model.onnx', '--signature', 'signature.json', '--port', String(port), '--workers', '1'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (let i = 0; ; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false)) === true) break;
    if (i > 600 || child.exitCode !== null) throw new Error(`serve did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, stop: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

it('a model file with no monitor or shadow: answers /predict and opens no store (no .mlops folder)', async () => {
  const { port, stop } = await serve('plain.config.ts');
  const res = await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ row: { x1: 1, x2: 0.5, x3: -1 } }) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { predictions: { probabilities: Record<string, number> }[] };
  expect(body.predictions[0]!.probabilities.malignant).toBeCloseTo(expectedP1([1, 0.5, -1]), 5);
  await stop();
  expect(existsSync(path.join(project, '.mlops'))).toBe(false);
});

it('with a monitor configured, the stores it needs are started and every prediction is logged', async () => {
  const { port, stop } = await serve('monitored.config.ts');
  expect((await fetch(`http://127.0.0.1:${port}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ row: { x1: 1, x2: 0.5, x3: -1 } }) })).status).toBe(200);
  await stop();
  const knex = require('knex')({ client: 'better-sqlite3', connection: { filename: path.join(project, '.mlops/metadata.sqlite') }, useNullAsDefault: true });
  try {
    expect((await knex('monitor_predictions').sum({ n: 'row_count' }))[0].n).toBe(1);
  } finally {
    await knex.destroy();
  }
});
