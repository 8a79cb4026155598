import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// `mlops config check` (the built binary, in a scratch project) catches a plugin that needs the SQL
// database when the metadata store provides none, before anything is created or started.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;
beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-db-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const check = () => spawnSync(process.execPath, [bin, 'config', 'check'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });

describe('mlops config check and tokens.database', () => {
  it('reports every plugin that requires the database when the metadata store provides none, naming the stores that do', () => {
    writeFileSync(
      path.join(project, 'mlops.config.ts'),
      `import { memoryMetadataStore } from '@mlops/testkit';\nexport default { plugins: { metadataStore: memoryMetadataStore, tracker: '@mlops/tracker', modelRegistry: '@mlops/model-registry' } };\n`,
    );
    const r = check();
    expect(r.status).toBe(2);
    const candidates = "configure one of: plugins.metadataStore: '@mlops/storage-local', plugins.metadataStore: '@mlops/storage-postgres'";
    expect(r.stderr.trim().split('\n')).toEqual([
      `error: plugin "tracker" requires the SQL database (of the metadata store), but no configured plugin provides it; ${candidates}`,
      `plugin "model-registry" requires the SQL database (of the metadata store), but no configured plugin provides it; ${candidates}`,
    ]);
  });

  it('accepts the same plugins over the default SQLite metadata store, which provides the database', () => {
    writeFileSync(path.join(project, 'mlops.config.ts'), `export default { plugins: { tracker: '@mlops/tracker', modelRegistry: '@mlops/model-registry' } };\n`);
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tracker\s+tracker\s+@mlops\/tracker/);
  });
});
