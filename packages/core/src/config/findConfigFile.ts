import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

// cosmiconfig's meta config (its own options, read from the start folder only).
const metaPlaces = ['package.yaml', '.config/config.json', '.config/config.yaml', '.config/config.yml', '.config/config.js', '.config/config.ts', '.config/config.cjs', '.config/config.mjs'];
const codePlaces = /\.(ts|mts|cts|js|mjs|cjs)$/;

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The search cosmiconfig does for `searchPlaces` (folder by folder up from `cwd` to the home folder,
 * or to the root outside it), for the common case only: the first hit is a non-empty `mlops.config`
 * JS/TS file. Loading cosmiconfig costs every command about 20 modules (with the JSON parser it uses
 * for its own meta config), so it is asked only when this returns undefined: a JSON config or a
 * `package.json` with an `mlops` key comes first, nothing is found (its global config folder is
 * next), the start folder has a cosmiconfig meta config, or a file cannot be read.
 */
export function findConfigFile(cwd: string, searchPlaces: readonly string[], packageProp: string): string | undefined {
  const start = path.resolve(cwd);
  const pkg = path.join(start, 'package.json');
  if (metaPlaces.some((p) => existsSync(path.join(start, p)))) return undefined;
  if (existsSync(pkg)) {
    const json = readJson(pkg);
    if (!json || Object.hasOwn(json, 'cosmiconfig')) return undefined;
  }
  const stop = path.resolve(homedir());
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const place of searchPlaces) {
      const file = path.join(dir, place);
      if (!isFile(file)) continue;
      if (!codePlaces.test(place)) {
        if (place !== 'package.json') return undefined;
        const json = readJson(file);
        if (!json || Object.hasOwn(json, packageProp)) return undefined;
        continue;
      }
      try {
        if (readFileSync(file, 'utf8').trim() === '') continue;
      } catch {
        return undefined;
      }
      return file;
    }
    if (dir === stop || path.dirname(dir) === dir) return undefined;
  }
}
