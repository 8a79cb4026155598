import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { errorCodes } from '../errors/codes';
import { PluginError } from '../errors/errors';
import { messages } from '../errors/messages';
import { knownProviders } from '../tokens/tokens';
import { suggest } from '../util/suggest';
import { isPlugin, type AnyPlugin } from './definePlugin';

/** ESM-only packages: jiti transpiles them to CommonJS, which also works where native `import()` does not (jest's vm). */
async function importEsm(file: string, projectRoot: string): Promise<Record<string, unknown>> {
  const { createJiti } = await import('jiti');
  return createJiti(path.join(projectRoot, 'noop.js'), { interopDefault: false }).import(file);
}

/**
 * Loads a plugin package the way the user's project would: resolved from the folder of the config
 * file, so a third-party package installed there works exactly like ours.
 */
export async function loadPluginPackage(name: string, projectRoot: string): Promise<AnyPlugin[]> {
  const req = createRequire(path.join(projectRoot, 'noop.js'));
  let resolved: string;
  try {
    resolved = req.resolve(name);
  } catch (cause) {
    throw new PluginError(name, messages.pluginNotFound(name, suggest(name, installedCandidates(projectRoot))), { cause, code: errorCodes.pluginNotFound });
  }
  let mod: Record<string, unknown>;
  try {
    mod = req(resolved) as Record<string, unknown>;
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw new PluginError(name, `plugin package "${name}" failed to load: ${(cause as Error).message}`, { cause });
    mod = await importEsm(resolved, projectRoot).catch((cause: unknown) => {
      throw new PluginError(name, `plugin package "${name}" failed to load: ${(cause as Error).message}`, { cause });
    });
  }
  return pluginsInModule(mod);
}

/** Whether a package resolves from the project folder (without loading it). */
export function isInstalled(name: string, projectRoot: string): boolean {
  try {
    createRequire(path.join(projectRoot, 'noop.js')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Every plugin a module exports: the default export (a plugin or an array) and named exports. */
export function pluginsInModule(mod: Record<string, unknown>): AnyPlugin[] {
  const found = new Set<AnyPlugin>();
  const visit = (v: unknown) => {
    if (isPlugin(v)) found.add(v);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  visit(mod.default);
  if (mod.default && typeof mod.default === 'object' && !isPlugin(mod.default) && !Array.isArray(mod.default)) Object.values(mod.default).forEach(visit);
  for (const [k, v] of Object.entries(mod)) if (k !== 'default') visit(v);
  return [...found];
}

/** Package names a misspelt plugin name may have meant: project deps, installed @mlops/*, ours. */
function installedCandidates(projectRoot: string): string[] {
  const names = new Set<string>(Object.values(knownProviders).flat());
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    const pj = path.join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const json = JSON.parse(readFileSync(pj, 'utf8')) as Record<string, Record<string, string> | undefined>;
        for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) Object.keys(json[field] ?? {}).forEach((n) => names.add(n));
      } catch {
        // An unreadable package.json only costs us a suggestion.
      }
    }
    const scope = path.join(dir, 'node_modules', '@mlops');
    if (existsSync(scope)) for (const n of readdirSync(scope)) names.add(`@mlops/${n}`);
    if (path.dirname(dir) === dir) break;
  }
  return [...names];
}
