import { Command, CommanderError } from 'commander';
import { registerArtifacts } from './commands/artifacts';
import { registerBuild } from './commands/build';
import { registerConfig } from './commands/config';
import { registerFeatures } from './commands/features';
import { registerInit } from './commands/init';
import { registerModels } from './commands/models';
import { registerPlugins } from './commands/plugins';
import { registerPredict } from './commands/predict';
import { registerReport } from './commands/report';
import { registerRun } from './commands/run';
import { registerRuns } from './commands/runs';
import { registerServe } from './commands/serve';

// Command modules import @mlops/core and plugins lazily inside their actions, so `mlops --help`
// loads commander and nothing else.

/** Builds the `mlops` program with every command. */
export function createProgram(): Command {
  const program = new Command('mlops')
    .description('mlops: pipelines, artifacts and runs for machine learning on Node.js')
    .version(require('../package.json').version as string, '-V, --version')
    .option('-c, --config <path>', 'config file (default: search mlops.config.* up from the working directory)')
    .option('-C, --cwd <dir>', 'working directory to search the config from')
    .option('--json', 'machine-readable JSON output')
    .option('-v, --verbose', 'debug logging and stack traces')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerInit(program);
  registerConfig(program);
  registerRun(program);
  registerRuns(program);
  registerArtifacts(program);
  registerPlugins(program);
  registerReport(program);
  registerModels(program);
  registerFeatures(program);
  registerPredict(program);
  registerBuild(program);
  registerServe(program);
  return program;
}

/** CLI entry: parses argv; usage errors exit 2 with commander's message. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
}
