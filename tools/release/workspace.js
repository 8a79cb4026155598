// @ts-check
'use strict';
// Reads the workspace's package.json files and orders the public packages for a release.
// Plain CommonJS so `npm run release` needs no build step; release.d.ts types it for the tests.
const fs = require('node:fs');
const path = require('node:path');

/** Dependency fields a registry install follows (devDependencies are never installed by users). */
const installFields = ['dependencies', 'peerDependencies', 'optionalDependencies'];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Every workspace package (`dir/*` globs of the root package.json), with its folder relative to the root. */
function readWorkspace(root) {
  const rootPkg = readJson(path.join(root, 'package.json'));
  const packages = [];
  for (const glob of rootPkg.workspaces ?? []) {
    if (!glob.endsWith('/*')) throw new Error(`${path.join(root, 'package.json')}: workspaces: expected "dir/*" globs, received ${JSON.stringify(glob)}`);
    const parent = glob.slice(0, -2);
    if (!fs.existsSync(path.join(root, parent))) continue;
    for (const name of fs.readdirSync(path.join(root, parent)).sort()) {
      const file = path.join(root, parent, name, 'package.json');
      if (fs.existsSync(file)) packages.push({ dir: `${parent}/${name}`, manifest: readJson(file) });
    }
  }
  return { root: rootPkg, packages };
}

/**
 * The public packages in an order where each comes after the workspace packages it depends on
 * (ties by name, so the order is stable). Throws on a cycle, naming it.
 */
function releaseOrder(packages) {
  const publicPkgs = packages.filter((p) => !p.manifest.private);
  const byName = new Map(publicPkgs.map((p) => [p.manifest.name, p]));
  const workspaceNames = new Set(packages.map((p) => p.manifest.name));
  const deps = new Map();
  for (const p of publicPkgs) {
    const internal = new Set();
    for (const field of installFields) {
      for (const dep of Object.keys(p.manifest[field] ?? {})) {
        if (dep === p.manifest.name) continue;
        if (byName.has(dep)) internal.add(dep);
        else if (workspaceNames.has(dep)) throw new Error(`${p.dir}/package.json: ${field}.${dep}: a published package cannot depend on the private workspace package ${dep}`);
      }
    }
    deps.set(p.manifest.name, internal);
  }
  const order = [];
  const state = new Map(); // name -> 'visiting' | 'done'
  const visit = (name, trail) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`dependency cycle between workspace packages: ${[...trail.slice(trail.indexOf(name)), name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const dep of [...deps.get(name)].sort()) visit(dep, [...trail, name]);
    state.set(name, 'done');
    order.push(byName.get(name));
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return order;
}

/**
 * What a registry user needs from each public package; one message per missing or wrong field
 * (empty when everything is in place). `repositoryUrl` is the root package.json's.
 */
function publishProblems(pkg, { version, repositoryUrl, root }) {
  const m = pkg.manifest;
  const at = `${pkg.dir}/package.json`;
  const problems = [];
  const need = (ok, what) => void (ok || problems.push(`${at}: ${what}`));
  need(m.version === version, `version: expected ${version} (lockstep with the root), received ${JSON.stringify(m.version)}`);
  need(typeof m.license === 'string' && m.license.length > 0, 'license: expected a SPDX id such as "MIT"');
  need(typeof m.description === 'string' && m.description.length > 0, 'description: expected one line saying what the package does');
  need(m.repository?.url === repositoryUrl && m.repository?.directory === pkg.dir, `repository: expected { url: ${JSON.stringify(repositoryUrl)}, directory: ${JSON.stringify(pkg.dir)} }, received ${JSON.stringify(m.repository)}`);
  need(m.main === 'dist/index.js', `main: expected "dist/index.js", received ${JSON.stringify(m.main)}`);
  need(m.types === 'dist/index.d.ts', `types: expected "dist/index.d.ts", received ${JSON.stringify(m.types)}`);
  const dot = m.exports?.['.'];
  need(dot?.types === './dist/index.d.ts' && dot?.default === './dist/index.js', `exports["."]: expected { types: "./dist/index.d.ts", default: "./dist/index.js" }, received ${JSON.stringify(dot)}`);
  need(m.exports?.['./package.json'] === './package.json', 'exports["./package.json"]: expected "./package.json" (tools read a dependency\'s version through it)');
  const files = m.files ?? [];
  for (const f of ['dist/**/*.js', 'dist/**/*.d.ts', 'dist/**/*.map', 'src/**/*.ts', '!src/**/*.test.ts', '!src/**/__fixtures__/**', 'README.md']) {
    need(files.includes(f), `files: expected to include ${JSON.stringify(f)} (built JS and types, their maps and the sources they point to, no tests)`);
  }
  need(!files.includes('dist') && !files.includes('src'), 'files: list globs, not whole "dist" or "src" folders (they would ship build info or tests)');
  need(fs.existsSync(path.join(root, pkg.dir, 'README.md')), 'README.md: expected next to package.json');
  // The `files` globs assume the build writes dist/ from src/ (tsconfig.json of the package).
  const tsconfig = path.join(root, pkg.dir, 'tsconfig.json');
  const options = fs.existsSync(tsconfig) ? readJson(tsconfig).compilerOptions ?? {} : {};
  need(options.rootDir === 'src' && options.outDir === 'dist', `${pkg.dir}/tsconfig.json: expected compilerOptions rootDir "src" and outDir "dist" (what "files" ships), received ${JSON.stringify({ rootDir: options.rootDir, outDir: options.outDir })}`);
  for (const field of installFields) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (dep.startsWith('@mlops/')) need(range === `^${version}`, `${field}.${dep}: expected "^${version}" (a range a registry resolves), received ${JSON.stringify(range)}`);
    }
  }
  return problems;
}

module.exports = { readWorkspace, releaseOrder, publishProblems, installFields };
