// @ts-check
'use strict';
// A read-only npm registry on 127.0.0.1 serving exactly the third-party packages of this repo's
// package-lock.json, their tarballs read from npm's local cache (where `npm ci` put them, keyed by
// the lock's integrity). The registry test installs a user's project against it and verdaccio so
// that nothing comes from the internet, yet npm resolves ranges and runs install scripts as it
// would against registry.npmjs.org. Plain CommonJS: it also runs by hand (`node lockMirror.js`).
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

/** The cacache content file of an `sha512-…` integrity, or undefined for another algorithm. */
function contentPath(cacheDir, integrity) {
  const sha512 = integrity.split(/\s+/).find((i) => i.startsWith('sha512-'));
  if (!sha512) return undefined;
  const hex = Buffer.from(sha512.slice(7), 'base64').toString('hex');
  return path.join(cacheDir, '_cacache', 'content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

function readInstalled(file, version) {
  try {
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    return pkg.version === version ? pkg : undefined;
  } catch {
    return undefined;
  }
}

const manifestFields = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'license', 'deprecated'];

/**
 * Packuments (name → versions) built from the lock; a version is listed only when its tarball is in
 * the cache (packages for other platforms never are). `exclude` drops names (the workspace's own).
 */
function packumentsFromLock(lockFile, cacheDir, exclude = () => false) {
  const semver = require(require.resolve('semver', { paths: [path.dirname(lockFile)] }));
  const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
  const packuments = new Map();
  const tarballs = new Map();
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const at = key.lastIndexOf('node_modules/');
    if (at < 0 || entry.link || !entry.integrity || !entry.version) continue;
    const name = entry.name ?? key.slice(at + 'node_modules/'.length);
    if (exclude(name)) continue;
    const file = contentPath(cacheDir, entry.integrity);
    if (!file || !fs.existsSync(file)) continue;
    const id = path.basename(file);
    tarballs.set(id, file);
    const doc = packuments.get(name) ?? { name, versions: {}, 'dist-tags': {} };
    const manifest = { name, version: entry.version };
    for (const f of manifestFields) if (entry[f] !== undefined) manifest[f] = entry[f];
    // npm runs the install scripts of the packument's manifest, and the lock keeps only a flag:
    // the scripts come from the copy `npm ci` installed at the lock's path.
    if (entry.hasInstallScript) {
      const installed = readInstalled(path.join(path.dirname(lockFile), key, 'package.json'), entry.version);
      const scripts = Object.fromEntries(['preinstall', 'install', 'postinstall'].filter((s) => installed?.scripts?.[s]).map((s) => [s, installed.scripts[s]]));
      if (!Object.keys(scripts).length) throw new Error(`${key}@${entry.version}: the lock says it has an install script; its installed package.json has none`);
      manifest.scripts = scripts;
    }
    manifest.dist = { integrity: entry.integrity, tarball: `/-/${id}.tgz` };
    doc.versions[entry.version] = manifest;
    const latest = doc['dist-tags'].latest;
    if (!latest || semver.gt(entry.version, latest)) doc['dist-tags'].latest = entry.version;
    packuments.set(name, doc);
  }
  return { packuments, tarballs };
}

/**
 * Starts the mirror on 127.0.0.1 (port 0: any free one). `misses` lists names asked for and not
 * served. `files` maps URL paths under `/-/files/` to local files (a native addon's prebuilt binary,
 * which an install script downloads from its own host rather than from the registry); `served`
 * lists the paths of those that were downloaded.
 */
async function startLockMirror({ lockFile, cacheDir, exclude, port = 0, files = {} }) {
  const { packuments, tarballs } = packumentsFromLock(lockFile, cacheDir, exclude);
  const misses = new Set();
  const served = new Set();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
    if (url.pathname.startsWith('/-/files/')) {
      const rel = url.pathname.slice('/-/files/'.length);
      const file = Object.hasOwn(files, rel) ? files[rel] : undefined;
      if (!file) return void res.writeHead(404).end();
      served.add(rel);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fs.statSync(file).size });
      return void fs.createReadStream(file).pipe(res);
    }
    if (url.pathname.startsWith('/-/') && url.pathname.endsWith('.tgz')) {
      const file = tarballs.get(url.pathname.slice(3, -4));
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fs.statSync(file).size });
      return void fs.createReadStream(file).pipe(res);
    }
    const name = decodeURIComponent(url.pathname.slice(1));
    const doc = packuments.get(name);
    if (!doc) {
      misses.add(name);
      return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `${name} is not in the lock mirror` }));
    }
    const versions = Object.fromEntries(Object.entries(doc.versions).map(([v, m]) => [v, { ...m, dist: { ...m.dist, tarball: base + m.dist.tarball } }]));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...doc, versions }));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/`,
    packages: packuments.size,
    misses,
    served,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

module.exports = { startLockMirror, packumentsFromLock, contentPath };

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  const cacheDir = process.env.npm_config_cache || path.join(require('node:os').homedir(), '.npm');
  startLockMirror({ lockFile: path.join(root, 'package-lock.json'), cacheDir, exclude: (n) => n.startsWith('@mlops/'), port: Number(process.argv[2] ?? 0) })
    .then((m) => process.stdout.write(`lock mirror of ${m.packages} packages on ${m.url}\n`));
}
