import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

/** Packages the bundle's server.js requires; everything else is their dependency closure. */
const bundleRoots = ['@mlops/server', '@mlops/runtime-onnx', '@mlops/core'];

/**
 * Dependencies only an install script uses: onnxruntime-node's postinstall downloads optional GPU
 * libraries with adm-zip and global-agent; its runtime (`dist/`) never requires them.
 */
const installOnly: Record<string, readonly string[]> = { 'onnxruntime-node': ['adm-zip', 'global-agent'] };

/** onnxruntime-node ships native libraries for every OS; the bundle keeps Linux (the image) and this machine's. */
const keptNativeDirs = new Set(['linux/x64', 'linux/arm64', `${process.platform}/${process.arch}`]);

/** Written into every bundle; `--force` deletes an existing folder only when it holds this file. */
export const buildMarker = '.mlops-build.json';

interface BuildFlags {
  model: string;
  out?: string;
  port: number;
  force?: boolean;
}

/** One package copied into the bundle. */
interface BundledPackage {
  name: string;
  version: string;
  /** Real folder in the installed tree. */
  source: string;
  /** Folder inside the bundle, e.g. `node_modules/zod`. */
  location: string;
  license?: string;
  dependencies: Record<string, string>;
}

/** `mlops build`: a self-contained, dockerizable server folder for a registry model. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('write a self-contained server folder for a registry model (model, signature, card, server.js, node_modules, lockfile, Dockerfile)')
    .requiredOption('--model <ref>', 'registry model: NAME@ALIAS, NAME:VERSION or NAME (latest)')
    .option('--out <dir>', 'output folder (default: build/NAME-vVERSION)')
    .option('--port <n>', 'default port of the server and the image', integerArg(1, 65535), 8080)
    .option('--force', 'replace the output folder if it exists')
    .action(async (flags: BuildFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        await build(opts, flags);
      } catch (err) {
        fail(err, opts);
      }
    });
}

async function build(opts: GlobalOptions, flags: BuildFlags): Promise<void> {
  if (!Number.isInteger(flags.port) || flags.port < 1 || flags.port > 65535) throw new UsageError(`--port: expected a port number (1-65535), found ${flags.port}`);
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const [{ tokens, resolveInside }, { withSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  const model = await withSession(opts, ['modelRegistry', 'artifactStore'], async (runtime) => {
    const registry = runtime.get(tokens.modelRegistry);
    const version = await registry.resolve(flags.model);
    const digest = version.artifacts.onnx;
    if (!digest) throw new UsageError(`${version.name} v${version.version}: expected an "onnx" artifact, found ${Object.keys(version.artifacts).join(', ') || 'none'}`);
    const bytes = await runtime.get(tokens.artifactStore).get(digest);
    const card = await registry.modelCard(version.name, version.version, 'markdown');
    return { version, digest, bytes, card, projectRoot: path.dirname(runtime.config.file) };
  });
  const { version } = model;
  // The registry validates names, and the default folder is still checked to stay under build/.
  const out = flags.out ? path.resolve(flags.out) : resolveInside(path.join(model.projectRoot, 'build'), `${version.name}-v${version.version}`);
  const exists = await fs.stat(out).then(() => true, () => false);
  if (exists && !flags.force) throw new UsageError(`${out}: the output folder exists; pass --force to replace it`);
  // --force replaces only a folder an earlier build wrote (it holds the marker), never anything else.
  if (exists && !(await fs.stat(path.join(out, buildMarker)).then((s) => s.isFile(), () => false))) {
    throw new UsageError(`${out}: not a folder written by mlops build (no ${buildMarker} in it); --force replaces only those: remove it yourself or choose another --out`);
  }

  const packages = await collectPackages(model.projectRoot);
  // Written beside the target and renamed in: a failed build never leaves half a bundle.
  const tmp = `${out}.tmp-${process.pid}`;
  await fs.rm(tmp, { recursive: true, force: true });
  await fs.mkdir(tmp, { recursive: true });
  try {
    const templates = path.join(__dirname, '../../templates/bundle');
    const fill = (text: string) => text.replaceAll('__PORT__', String(flags.port)).replaceAll('__MODEL__', `${version.name} v${version.version}`);
    await fs.writeFile(path.join(tmp, 'model.onnx'), model.bytes);
    await fs.writeFile(path.join(tmp, 'signature.json'), `${JSON.stringify(version.signature, null, 2)}\n`);
    await fs.writeFile(path.join(tmp, 'MODEL_CARD.md'), model.card);
    for (const [from, to] of [['server.js', 'server.js'], ['healthcheck.js', 'healthcheck.js'], ['Dockerfile', 'Dockerfile'], ['dockerignore', '.dockerignore']]) {
      await fs.writeFile(path.join(tmp, to), fill(await fs.readFile(path.join(templates, from), 'utf8')));
    }
    for (const p of packages) await copyPackage(p, path.join(tmp, p.location));
    const manifest = bundleManifest(version, aliasOfRef(flags.model), model.digest, packages);
    await fs.writeFile(path.join(tmp, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.writeFile(path.join(tmp, 'package-lock.json'), `${JSON.stringify(await lockfile(manifest, packages), null, 2)}\n`);
    await fs.writeFile(path.join(tmp, buildMarker), `${JSON.stringify({ model: version.name, version: version.version, digest: model.digest })}\n`);
    if (exists) await fs.rm(out, { recursive: true, force: true });
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.rename(tmp, out);
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const summary = { model: `${version.name}:${version.version}`, digest: model.digest, out, packages: packages.length, start: `node ${path.join(out, 'server.js')}` };
  if (opts.json) return void process.stdout.write(`${JSON.stringify({ ...summary, packages: packages.map((p) => `${p.name}@${p.version}`) }, null, 2)}\n`);
  process.stdout.write(`built ${summary.model} into ${out} (${packages.length} packages)\nstart it with: node ${path.relative(process.cwd(), path.join(out, 'server.js')) || 'server.js'}\n`);
}

/** `churn@champion` → `champion`; `churn:3`, `churn` → null (built from a pinned or the latest version). */
function aliasOfRef(ref: string): string | null {
  const at = ref.indexOf('@');
  return at > 0 && !/^\d+$/.test(ref.slice(at + 1)) ? ref.slice(at + 1) : null;
}

/**
 * The bundle's package.json: its top-level dependencies pinned to what was copied, and in `mlops`
 * the registered name, version and alias it was built from, which server.js gives the server (its
 * `/model` and `mlops_model_info` report them, not the file name).
 */
function bundleManifest(version: import('@mlops/core').ModelVersion, alias: string | null, digest: string, packages: BundledPackage[]) {
  const dependencies = Object.fromEntries(packages.filter((p) => bundleRoots.includes(p.name)).map((p) => [p.name, p.version]));
  return {
    name: `${version.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-server`,
    version: `${version.version}.0.0`,
    private: true,
    description: `mlops model server for ${version.name} v${version.version} (${digest})`,
    main: 'server.js',
    scripts: { start: 'node server.js' },
    engines: { node: '>=20' },
    dependencies,
    mlops: { model: version.name, version: version.version, alias, digest, builtAt: new Date().toISOString() },
  };
}

/**
 * An npm v3 lockfile describing exactly the copied tree: one entry per package folder with its
 * version and, for registry packages, the `resolved`/`integrity` recorded by the lockfile of the
 * tree it was copied from (found upward from the package's real folder).
 */
async function lockfile(manifest: ReturnType<typeof bundleManifest>, packages: BundledPackage[]) {
  const entries: Record<string, unknown> = { '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies } };
  const locks = new Map<string, Promise<InstalledLock | undefined>>();
  for (const p of [...packages].sort((a, b) => a.location.localeCompare(b.location))) {
    const known = await installedEntry(p.source, locks);
    const fromRegistry = known?.version === p.version && known.integrity !== undefined;
    entries[p.location] = {
      version: p.version,
      ...(fromRegistry ? { resolved: known.resolved, integrity: known.integrity } : {}),
      ...(p.license ? { license: p.license } : {}),
      ...(Object.keys(p.dependencies).length ? { dependencies: p.dependencies } : {}),
    };
  }
  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: entries };
}

interface InstalledLock {
  dir: string;
  packages: Record<string, { version?: string; resolved?: string; integrity?: string }>;
}

/** The installed lockfile's entry for the package in folder `source`, if a lockfile above it has one. */
async function installedEntry(source: string, locks: Map<string, Promise<InstalledLock | undefined>>) {
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  for (let dir = path.dirname(source); ; dir = path.dirname(dir)) {
    if (!locks.has(dir)) {
      locks.set(dir, fs.readFile(path.join(dir, 'package-lock.json'), 'utf8').then((text) => ({ dir, packages: JSON.parse(text).packages ?? {} }), () => undefined));
    }
    const lock = await locks.get(dir);
    if (lock) return lock.packages[path.relative(lock.dir, source).split(path.sep).join('/')];
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The dependency closure of the roots, resolved the way Node would from `projectRoot` (then from
 * this CLI), and laid out like npm: a package goes to the top-level node_modules unless another
 * version already holds that name on its lookup path, then it nests under the package needing it.
 */
async function collectPackages(projectRoot: string): Promise<BundledPackage[]> {
  const path = await import('node:path');
  const placed = new Map<string, BundledPackage>(); // by bundle location
  const queue: { name: string; from: string; requiredAt: string }[] = bundleRoots.map((name) => ({ name, from: projectRoot, requiredAt: '' }));
  while (queue.length > 0) {
    const { name, from, requiredAt } = queue.shift()!;
    const source = (await findPackageDir(name, from)) ?? (await findPackageDir(name, __dirname));
    if (!source) throw new UsageError(`the bundle needs ${name}, which is not installed (looked up from ${from}); install it in the project`);
    const pkg = await readManifest(path.join(source, 'package.json'));
    // Node looks in requiredAt/node_modules, then each parent's node_modules, up to the bundle root.
    const lookup: string[] = [];
    for (let at = requiredAt; ; at = parentLocation(at)) {
      lookup.push(at ? `${at}/node_modules/${name}` : `node_modules/${name}`);
      if (!at) break;
    }
    const nearest = lookup.map((loc) => placed.get(loc)).find(Boolean);
    if (nearest && nearest.version === pkg.version) continue;
    const location = nearest ? lookup[0]! : `node_modules/${name}`;
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies };
    for (const skip of installOnly[name] ?? []) delete deps[skip];
    // Type declarations (apache-arrow lists @types/* as dependencies) are never required at run time.
    for (const dep of Object.keys(deps)) if (dep.startsWith('@types/')) delete deps[dep];
    const entry: BundledPackage = { name, version: pkg.version, source, location, license: pkg.license, dependencies: deps };
    placed.set(location, entry);
    for (const dep of Object.keys(deps)) {
      if (pkg.optionalDependencies?.[dep] && !(await findPackageDir(dep, source))) continue; // not installed here: optional
      queue.push({ name: dep, from: source, requiredAt: location });
    }
  }
  return [...placed.values()];
}

/** `node_modules/a/node_modules/b` → `node_modules/a`; a top-level package → '' (the bundle root). */
function parentLocation(location: string): string {
  const at = location.lastIndexOf('/node_modules/');
  return at < 0 ? '' : location.slice(0, at);
}

interface Manifest {
  name: string;
  version: string;
  license?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

async function readManifest(file: string): Promise<Manifest> {
  const fs = await import('node:fs/promises');
  return JSON.parse(await fs.readFile(file, 'utf8')) as Manifest;
}

/** The real folder of package `name` as Node resolves it from `from` (symlinked workspaces followed). */
async function findPackageDir(name: string, from: string): Promise<string | undefined> {
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (path.basename(dir) !== 'node_modules' && (await fs.stat(path.join(candidate, 'package.json')).then(() => true, () => false))) return fs.realpath(candidate);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Copies a package's runtime files: for a package with a `files` list (ours), that list plus
 * package.json; otherwise everything but nested node_modules, type declarations, source maps and
 * native libraries for other systems.
 */
async function copyPackage(p: BundledPackage, to: string): Promise<void> {
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const manifest = await readManifest(path.join(p.source, 'package.json'));
  const isOurs = p.name.startsWith('@mlops/');
  if (isOurs) {
    const dist = path.join(p.source, 'dist');
    if (!(await fs.stat(dist).then(() => true, () => false))) throw new UsageError(`${p.name} is not built (${dist} is missing); run \`npx tsc -b\` in the workspace first`);
  }
  const keep = (rel: string): boolean => {
    const parts = rel.split(path.sep);
    if (parts.includes('node_modules')) return false;
    if (/\.(d\.ts|d\.mts|d\.cts|map|tsbuildinfo)$/.test(rel)) return false;
    if (isOurs && (parts.includes('__fixtures__') || /\.test\.js$/.test(rel))) return false;
    const native = rel.match(/^bin[/\\]napi-v\d+[/\\]([^/\\]+)(?:[/\\]([^/\\]+))?/);
    if (!native) return true;
    return native[2] === undefined ? [...keptNativeDirs].some((d) => d.startsWith(`${native[1]}/`)) : keptNativeDirs.has(`${native[1]}/${native[2]}`);
  };
  // `files` holds globs (`dist/**/*.js`, `!src/**/*.test.ts`): copy their top folders, filtered by
  // `keep`; `src/` ships only so that published source maps resolve, and the bundle has no maps.
  const tops = (manifest.files ?? []).filter((f) => !f.startsWith('!')).map((f) => f.split('/')[0]).filter((f) => f !== 'src');
  const roots = isOurs && manifest.files ? [...new Set([...tops, 'package.json'])] : ['.'];
  for (const root of roots) {
    const from = path.join(p.source, root);
    if (!(await fs.stat(from).then(() => true, () => false))) continue;
    await fs.cp(from, path.join(to, root), { recursive: true, dereference: true, filter: (src) => src === p.source || keep(path.relative(p.source, src)) });
  }
}
