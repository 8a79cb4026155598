import { loadConfigFile } from './loadConfigFile';
import type { ResolvedConfig } from './ResolvedConfig';
import { resolveConfig, type ResolveOptions } from './resolveConfig';

/** Finds, evaluates and validates the config, loading its plugins: what every CLI command starts with. */
export async function loadConfig(options: { cwd?: string; configPath?: string; env?: NodeJS.ProcessEnv } & ResolveOptions = {}): Promise<ResolvedConfig> {
  const { file, value } = await loadConfigFile(options);
  return resolveConfig(value, file, options.env ?? process.env, { slots: options.slots });
}
