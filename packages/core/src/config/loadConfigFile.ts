import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { errorCodes } from '../errors/codes';
import { MlopsError } from '../errors/MlopsError';
import { messages } from '../errors/messages';
import { findConfigFile } from './findConfigFile';

export const configSearchPlaces = ['mlops.config.ts', 'mlops.config.mts', 'mlops.config.cts', 'mlops.config.js', 'mlops.config.mjs', 'mlops.config.cjs', 'mlops.config.json', 'package.json'];

/** A config file found and evaluated: its absolute path and what it exports. */
export interface LoadedConfigFile {
  file: string;
  value: unknown;
}

/**
 * Evaluates a TS/JS config with jiti, which transpiles on the fly and follows the file's own imports
 * (cosmiconfig's built-in TypeScript loader compiles only the one file and cannot).
 */
async function loadWithJiti(file: string): Promise<unknown> {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(file, { interopDefault: true, moduleCache: false });
  // Required, not imported: jiti.import resolves the config's own imports with the "import"
  // condition, so a dual package such as zod was loaded a second time as ESM beside the CommonJS
  // copy core uses (a quarter of `mlops runs ls`'s CPU time). A config with top-level await does not
  // compile as CommonJS; that SyntaxError comes before any of its code runs, and import() takes over.
  try {
    const mod = jiti(file) as { default?: unknown } | undefined;
    return mod?.default ?? mod;
  } catch (err) {
    // By name: jiti may compile in another realm (jest), where instanceof SyntaxError is false.
    if (!((err as Error)?.name === 'SyntaxError' && /\bawait\b/.test((err as Error).message))) throw err;
    return jiti.import(file, { default: true });
  }
}

/** Finds the config (searching up from `cwd`, or exactly `configPath`) and evaluates it. */
export async function loadConfigFile(options: { cwd?: string; configPath?: string } = {}): Promise<LoadedConfigFile> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loader = async (file: string) => {
    try {
      return await loadWithJiti(file);
    } catch (cause) {
      throw new MlopsError(errorCodes.configLoad, messages.configLoad(displayPath(file), (cause as Error).message ?? String(cause)), { cause, path: displayPath(file), badInput: true });
    }
  };
  // The common case without cosmiconfig: a JS/TS config up from cwd. A value cosmiconfig would treat
  // differently (nothing exported, or a `$import` to merge) goes through cosmiconfig after all.
  const fast = options.configPath ? undefined : findConfigFile(cwd, configSearchPlaces, 'mlops');
  if (fast) {
    const value = await loader(fast);
    if (value !== undefined && !(value && typeof value === 'object' && Object.hasOwn(value, '$import'))) return { file: fast, value };
  }
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig('mlops', {
    searchPlaces: configSearchPlaces,
    searchStrategy: 'global',
    loaders: { '.ts': loader, '.mts': loader, '.cts': loader, '.js': loader, '.mjs': loader, '.cjs': loader },
    cache: false,
  });
  if (options.configPath) {
    const file = path.resolve(cwd, options.configPath);
    if (!existsSync(file)) throw new MlopsError(errorCodes.configNotFound, messages.configFileMissing(displayPath(file)), { path: displayPath(file), badInput: true });
    const result = await explorer.load(file).catch(rethrowParse(file));
    return { file, value: result?.config };
  }
  const result = await explorer.search(cwd).catch(rethrowParse(cwd));
  if (!result) throw new MlopsError(errorCodes.configNotFound, messages.configNotFound(cwd), { badInput: true });
  return { file: result.filepath, value: result.config };
}

function rethrowParse(file: string) {
  return (cause: unknown): never => {
    if (cause instanceof MlopsError) throw cause;
    throw new MlopsError(errorCodes.configLoad, messages.configLoad(displayPath(file), (cause as Error).message ?? String(cause)), { cause, path: displayPath(file), badInput: true });
  };
}

/** A path as users want to read it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
