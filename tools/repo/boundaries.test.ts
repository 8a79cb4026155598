import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

// The architecture rule (STYLE.md): plugins depend on core and shared libraries, never on each other,
// and core depends on no plugin. nx tags name the kinds; this test enforces the rule on every build.
// Tests may train a fixture model with another plugin (a devDependency): what ships never imports one.
const root = path.resolve(__dirname, '../..');
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; nx?: { tags?: string[] } };
const isTestCode = (f: string) => f.endsWith('.test.ts') || f.includes(`${path.sep}__fixtures__${path.sep}`);
const packagesIn = (dir: string) => readdirSync(path.join(root, dir)).map((d) => path.join(root, dir, d)).filter((d) => existsSync(path.join(d, 'package.json')));
const plugins = packagesIn('plugins').map((d) => ({ dir: d, pkg: read(path.join(d, 'package.json')) }));
const libs = packagesIn('packages').map((d) => ({ dir: d, pkg: read(path.join(d, 'package.json')) }));
const pluginNames = new Set(plugins.map((p) => p.pkg.name));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const f = path.join(dir, e);
    if (statSync(f).isDirectory()) out.push(...sources(f));
    else if (f.endsWith('.ts')) out.push(f);
  }
  return out;
}
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"](@mlops\/[\w-]+)/g)].map((m) => m[1]);

describe('package boundaries', () => {
  it.each(plugins.map((p) => [p.pkg.name, p] as const))('%s depends on no other plugin', (_name, p) => {
    const deps = Object.keys(p.pkg.dependencies ?? {}).filter((d) => pluginNames.has(d));
    expect(deps).toEqual([]);
    const files = sources(path.join(p.dir, 'src'));
    const bad = files.filter((f) => !isTestCode(f)).flatMap((f) => importsOf(f).filter((i) => pluginNames.has(i) && i !== p.pkg.name).map((i) => `${path.relative(root, f)} imports ${i}`));
    expect(bad).toEqual([]);
    const undeclared = files.filter(isTestCode).flatMap((f) => importsOf(f).filter((i) => pluginNames.has(i) && i !== p.pkg.name && !(i in (p.pkg.devDependencies ?? {}))).map((i) => `${path.relative(root, f)} imports ${i}, not a devDependency`));
    expect(undeclared).toEqual([]);
    expect(p.pkg.nx?.tags).toContain('type:plugin');
  });

  it.each(libs.filter((l) => l.pkg.name !== '@mlops/cli').map((l) => [l.pkg.name, l] as const))('%s (a library) depends on no plugin', (_name, l) => {
    const bad = sources(path.join(l.dir, 'src')).filter((f) => !isTestCode(f)).flatMap((f) => importsOf(f).filter((i) => pluginNames.has(i)).map((i) => `${path.relative(root, f)} imports ${i}`));
    expect(bad).toEqual([]);
    expect(Object.keys(l.pkg.dependencies ?? {}).filter((d) => pluginNames.has(d))).toEqual([]);
  });

  // Plugins with tables of their own require `tokens.database` (core's DatabaseService); reaching
  // into a metadata store's knex, or duck-typing the store for it, is @mlops/sql-metadata's business.
  it('no package outside @mlops/sql-metadata reaches into a metadata store for its knex', () => {
    const sqlMetadata = libs.find((l) => l.pkg.name === '@mlops/sql-metadata')!.dir;
    const reaching = /\bsqlStoreOf\b|\b\w*(?:[sS]tore|metadata)\)?\.knex\b/;
    // The pattern itself: what it must catch, and the SQL handles it must leave alone.
    expect(['store.knex(', 'metadataStore.knex', 'subject.store.knex.schema', '(metadata).knex', 'sqlStoreOf(x)'].map((l) => reaching.test(l))).toEqual([true, true, true, true, true]);
    expect(['target.knex', 'handle.knex', 'this.knex', 'offline?.knex', 'database.getClient()'].map((l) => reaching.test(l))).toEqual([false, false, false, false, false]);
    const bad = [...plugins, ...libs]
      .filter((p) => p.dir !== sqlMetadata)
      .flatMap((p) => sources(path.join(p.dir, 'src')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => [f, i + 1, line] as const))
      .filter(([, , line]) => reaching.test(line))
      .map(([f, n, line]) => `${path.relative(root, f)}:${n}: ${line.trim()}`);
    expect(bad).toEqual([]);
  });
});
