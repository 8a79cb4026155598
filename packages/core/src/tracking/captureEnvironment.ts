import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, hostname, platform, release } from 'node:os';
import * as path from 'node:path';
import type { ResolvedConfig } from '../config/ResolvedConfig';
import { importedPackages, packageVersion } from '../pipeline/codeDigest';
import type { StepDefinition } from '../pipeline/step';
import { sha256 } from '../util/hash';
import type { RunEnvironment } from './Tracker';

const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];

/** HEAD commit, branch and whether tracked files differ from it; null outside git or without git. */
export function gitState(cwd: string): RunEnvironment['git'] {
  // One call: porcelain v2 prints `# branch.oid` and `# branch.head`, then one line per changed file.
  const r = spawnSync('git', ['status', '--porcelain=v2', '--branch', '--untracked-files=no'], { cwd, encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0 || typeof r.stdout !== 'string') return null;
  const lines = r.stdout.split('\n').filter(Boolean);
  const header = (key: string) => lines.find((l) => l.startsWith(`# branch.${key} `))?.slice(`# branch.${key} `.length);
  const commit = header('oid');
  if (!commit || commit === '(initial)') return null;
  const branch = header('head');
  return { commit, branch: branch && branch !== '(detached)' ? branch : null, dirty: lines.some((l) => !l.startsWith('#')) };
}

/** sha256 of the nearest lockfile at or above `dir`: two runs with the same digest installed the same tree. */
export function lockfileDigest(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    for (const name of lockfiles) {
      const file = path.join(d, name);
      if (existsSync(file)) return sha256(readFileSync(file));
    }
    if (path.dirname(d) === d) return null;
  }
}

/**
 * What a tracked run records about where it ran: git state, Node, OS, lockfile digest, config digest,
 * and the versions of core, the configured plugins' packages and the packages the steps import.
 */
export function captureEnvironment(config: ResolvedConfig, steps: Iterable<StepDefinition> = []): RunEnvironment {
  const packages: Record<string, string> = { '@mlops/core': (require('../../package.json') as { version: string }).version };
  for (const p of config.plugins) if (p.source !== 'inline') packages[p.source] = packageVersion(config.projectRoot, p.source);
  Object.assign(packages, importedPackages(steps));
  return {
    git: gitState(config.projectRoot),
    node: process.version,
    os: { platform: platform(), release: release(), arch: arch() },
    host: hostname(),
    lockfileDigest: lockfileDigest(config.projectRoot),
    packages: Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b))),
    configDigest: config.digest,
  };
}
