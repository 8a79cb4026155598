import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { requireServiceOrSkip } from '@mlops/testkit';
import { call, predict } from './__fixtures__/http';
import { registryProject } from './__fixtures__/registryProject';
import { startServer } from './__fixtures__/startServer';

// promtool is a tool like a service: CI (MLOPS_REQUIRE_SERVICES=1, which installs it) fails without it,
// a developer's machine skips loudly.
const promtool = requireServiceOrSkip('promtool (Debian package "prometheus")', () => (spawnSync('promtool', ['--version']).status === 0 ? { ok: true } : { ok: false, detail: 'promtool is not installed, so /metrics is NOT checked with `promtool check metrics`' }));

describe('GET /metrics', () => {
  (promtool ? it : it.skip)('passes `promtool check metrics` with traffic, errors, reloads and a shadow', async () => {
    const project = await registryProject();
    await project.promote('m', await project.register('m', 0));
    await project.promote('m', await project.register('m', 1), 'challenger');
    const server = await startServer({ model: 'm@champion', shadow: { model: 'm@challenger', logFile: join(project.dir, 's.jsonl') } }, project.services);
    try {
      await Promise.all([predict(server.url!, { row: { a: 1, b: 1, c: null } }), predict(server.url!, { row: { a: 'x' } }), call(server.url!, 'GET', '/nope')]);
      await new Promise((r) => setTimeout(r, 50));
      const text = (await call(server.url!, 'GET', '/metrics')).text;
      const file = join(project.dir, 'metrics.txt');
      await writeFile(file, text);
      const out = spawnSync('sh', ['-c', `promtool check metrics < ${file}`], { encoding: 'utf8' });
      expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
      await rm(file);
    } finally {
      await server.close();
      await project.close();
    }
  });
});
