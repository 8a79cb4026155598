// @ts-check
'use strict';
// `npm run release -- --registry URL`: checks the publish fields, builds, then publishes every public
// workspace package to URL in dependency order. A version the registry already has is skipped, so a
// release that stopped half-way (network, auth) is finished by running the same command again.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { publishProblems, readWorkspace, releaseOrder } = require('./workspace');

const usage = 'usage: npm run release -- --registry URL [--dry-run] [--skip-build]';

/** Parses the release flags; throws a message naming the flag on bad input. */
function parseArgs(argv) {
  const opts = { registry: '', dryRun: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--registry') {
      const value = inline ?? argv[++i];
      if (!value) throw new Error(`--registry: expected a URL, received nothing\n${usage}`);
      let url;
      try {
        url = new URL(value);
      } catch {
        throw new Error(`--registry: expected an http(s) URL, received ${JSON.stringify(value)}\n${usage}`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--registry: expected an http(s) URL, received ${JSON.stringify(value)}\n${usage}`);
      opts.registry = url.href.endsWith('/') ? url.href : `${url.href}/`;
    } else if (flag === '--dry-run') opts.dryRun = true;
    else if (flag === '--skip-build') opts.build = false;
    else throw new Error(`unknown option ${JSON.stringify(arg)}\n${usage}`);
  }
  if (!opts.registry) throw new Error(`--registry is required (the release never falls back to a default registry)\n${usage}`);
  return opts;
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return r;
}

/** true when `name@version` is on the registry, false on a 404; any other answer is an error. */
function isPublished(name, version, registry, env) {
  const r = run('npm', ['view', `${name}@${version}`, 'version', '--registry', registry], { env });
  if (r.status === 0) return r.stdout.trim() === version;
  if (/E404|404 Not Found|is not in this registry/.test(r.stderr)) return false;
  throw new Error(`npm view ${name}@${version} --registry ${registry} failed (exit ${r.status}):\n${r.stderr.trim()}`);
}

/** The whole release; `log` receives one line per step. Returns what was published and skipped. */
function release(root, opts, log = (line) => process.stdout.write(`${line}\n`), env = process.env) {
  const { root: rootPkg, packages } = readWorkspace(root);
  const order = releaseOrder(packages);
  const problems = order.flatMap((p) => publishProblems(p, { version: rootPkg.version, repositoryUrl: rootPkg.repository?.url, root }));
  if (problems.length) throw new Error(`not publishable:\n  ${problems.join('\n  ')}`);
  log(`release ${rootPkg.version} of ${order.length} packages to ${opts.registry}, in this order: ${order.map((p) => p.manifest.name).join(', ')}`);
  if (opts.build) {
    const tsc = run(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] }), '-b', 'tsconfig.build.json'], { cwd: root, env });
    if (tsc.status !== 0) throw new Error(`build failed (tsc -b tsconfig.build.json, exit ${tsc.status}):\n${tsc.stdout}${tsc.stderr}`);
    // @mlops/ui ships its compiled front end (dist/web), which vite builds, not tsc.
    const web = run(process.execPath, [path.join(root, 'packages/ui/scripts/buildWeb.mjs')], { cwd: root, env });
    if (web.status !== 0) throw new Error(`build failed (packages/ui/scripts/buildWeb.mjs, exit ${web.status}):\n${web.stdout}${web.stderr}`);
  }
  const published = [];
  const skipped = [];
  for (const p of order) {
    const id = `${p.manifest.name}@${p.manifest.version}`;
    if (isPublished(p.manifest.name, p.manifest.version, opts.registry, env)) {
      skipped.push(id);
      log(`skipped ${id}: already on ${opts.registry}`);
      continue;
    }
    if (opts.dryRun) {
      log(`would publish ${id} from ${p.dir}`);
      continue;
    }
    // --ignore-scripts: nothing is built at publish time, the tarball is exactly the checked files.
    const r = run('npm', ['publish', '--registry', opts.registry, '--access', 'public', '--ignore-scripts'], { cwd: path.join(root, p.dir), env });
    if (r.status !== 0) throw new Error(`npm publish of ${id} (${p.dir}) to ${opts.registry} failed (exit ${r.status}); published before it: ${published.join(', ') || 'none'}:\n${r.stderr.trim()}`);
    published.push(id);
    log(`published ${id}`);
  }
  return { published, skipped, order: order.map((p) => p.manifest.name) };
}

module.exports = { parseArgs, release, usage };
