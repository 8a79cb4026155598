#!/usr/bin/env node
// @ts-check
'use strict';
// `node tools/release/addPublishFields.js`: gives every public workspace package that lacks them the
// fields publishFields.test.ts checks (version, repository, exports, files, ^ ranges for internal
// dependencies), keeping every field it already has right. A new package then needs only its README.
const fs = require('node:fs');
const path = require('node:path');
const { publishProblems, readWorkspace } = require('./workspace');

const root = path.resolve(__dirname, '../..');
const ws = readWorkspace(root);
const version = ws.root.version;
const names = new Set(ws.packages.map((p) => p.manifest.name));
const standardFiles = ['dist/**/*.js', 'dist/**/*.d.ts', 'dist/**/*.map', 'src/**/*.ts', '!src/**/*.test.ts', '!src/**/__fixtures__/**'];

for (const p of ws.packages.filter((x) => !x.manifest.private)) {
  if (!publishProblems(p, { version, repositoryUrl: ws.root.repository?.url, root }).length) continue;
  const m = { ...p.manifest };
  m.version = version;
  m.license ??= ws.root.license;
  m.repository = { type: 'git', url: ws.root.repository?.url, directory: p.dir };
  m.main = 'dist/index.js';
  m.types = 'dist/index.d.ts';
  m.exports = { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' };
  // Extra folders a package ships (the CLI's bin/ and templates/) stay; dist and src become globs.
  const extra = (Array.isArray(m.files) ? m.files : []).filter((f) => !['dist', 'src', 'README.md', ...standardFiles].includes(f));
  m.files = [...standardFiles, ...extra, 'README.md'];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
    for (const dep of Object.keys(m[field] ?? {})) if (names.has(dep)) m[field][dep] = `^${version}`;
  }
  fs.writeFileSync(path.join(root, p.dir, 'package.json'), `${JSON.stringify(m, null, 2)}\n`);
  const left = publishProblems({ ...p, manifest: m }, { version, repositoryUrl: ws.root.repository?.url, root });
  process.stdout.write(`${p.dir}/package.json: publish fields added${left.length ? `; still to do by hand:\n  ${left.join('\n  ')}` : ''}\n`);
}
