import { Command, CommanderError } from 'commander';
import { registerAlerts } from './commands/alerts';
import { registerArtifacts } from './commands/artifacts';
import { registerData } from './commands/data';
import { registerBuild } from './commands/build';
import { registerConfig } from './commands/config';
import { registerFeatures } from './commands/features';
import { registerFeedback } from './commands/feedback';
import { registerInit } from './commands/init';
import { registerModels } from './commands/models';
import { registerMonitor } from './commands/monitor';
import { registerOrchestration } from './commands/orchestration';
import { registerMonitorReport } from './commands/monitorReport';
import { registerPlugins } from './commands/plugins';
import { registerPredict } from './commands/predict';
import { registerReport } from './commands/report';
import { registerRun } from './commands/run';
import { registerRuns } from './commands/runs';
import { registerServe } from './commands/serve';
import { registerTune } from './commands/tune';
import { registerUi } from './commands/ui';

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
  registerData(program);
  registerPlugins(program);
  registerReport(program);
  registerModels(program);
  registerFeatures(program);
  registerFeedback(program);
  registerPredict(program);
  registerBuild(program);
  registerServe(program);
  registerMonitorReport(registerMonitor(program));
  registerAlerts(program);
  registerTune(program);
  registerOrchestration(program);
  registerUi(program);
  return program;
}

/**
 * Rejects an unknown command or subcommand before commander sees `--help`: commander prints the
 * parent's help and exits 0 for `mlops monitor --help`, so a script could not tell a missing verb
 * from a present one. Walks the words of argv down the command tree, skipping options (and the
 * value of an option that takes one); the first word a command with subcommands does not know is
 * reported by commander itself (with its did-you-mean), which throws a CommanderError (exit 2).
 */
export function checkCommandPath(program: Command, args: string[]): void {
  let cmd = program;
  const chain = [program];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--') return;
    if (word.startsWith('-')) {
      const flag = word.split('=')[0];
      const option = chain.flatMap((c) => c.options).find((o) => o.short === flag || o.long === flag);
      if (option && (option.required || option.optional) && !word.includes('=')) i++;
      continue;
    }
    if (!cmd.commands.length) return;
    // `mlops help VERB` and `mlops runs help SUB` check the word after `help` the same way.
    if (word === 'help') continue;
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) {
      // commander's own report (message, suggestion, help hint) reads the word from `args`.
      cmd.args = [word];
      (cmd as unknown as { unknownCommand(): never }).unknownCommand();
    }
    cmd = sub!;
    chain.push(cmd);
  }
}

/** CLI entry: parses argv; usage errors exit 2 with commander's message. */
export async function main(argv: string[]): Promise<void> {
  try {
    const program = createProgram();
    checkCommandPath(program, argv.slice(2));
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
}
