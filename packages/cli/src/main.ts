import { Command, CommanderError } from 'commander';

type Register = (program: Command) => void;
const load = <M>(file: string) => require(`./commands/${file}`) as M;

// Every top-level command with the module that registers it, in help order. A module is required
// only when its command is the one invoked (or for help and unknown words, which need them all), so
// `mlops runs ls` never loads the code of the other commands. Command modules in turn import
// @mlops/core and plugins inside their actions, so `mlops --help` loads commander and nothing else.
const commandModules: readonly [names: readonly string[], register: Register][] = [
  [['init'], (p) => load<typeof import('./commands/init')>('init').registerInit(p)],
  [['config'], (p) => load<typeof import('./commands/config')>('config').registerConfig(p)],
  [['run'], (p) => load<typeof import('./commands/run')>('run').registerRun(p)],
  [['runs'], (p) => load<typeof import('./commands/runs')>('runs').registerRuns(p)],
  [['artifacts'], (p) => load<typeof import('./commands/artifacts')>('artifacts').registerArtifacts(p)],
  [['data'], (p) => load<typeof import('./commands/data')>('data').registerData(p)],
  [['plugins'], (p) => load<typeof import('./commands/plugins')>('plugins').registerPlugins(p)],
  [['report'], (p) => load<typeof import('./commands/report')>('report').registerReport(p)],
  [['models'], (p) => load<typeof import('./commands/models')>('models').registerModels(p)],
  [['features'], (p) => load<typeof import('./commands/features')>('features').registerFeatures(p)],
  [['feedback'], (p) => load<typeof import('./commands/feedback')>('feedback').registerFeedback(p)],
  [['predict'], (p) => load<typeof import('./commands/predict')>('predict').registerPredict(p)],
  [['build'], (p) => load<typeof import('./commands/build')>('build').registerBuild(p)],
  [['serve'], (p) => load<typeof import('./commands/serve')>('serve').registerServe(p)],
  [['monitor'], (p) => load<typeof import('./commands/monitorReport')>('monitorReport').registerMonitorReport(load<typeof import('./commands/monitor')>('monitor').registerMonitor(p))],
  [['alerts'], (p) => load<typeof import('./commands/alerts')>('alerts').registerAlerts(p)],
  [['tune'], (p) => load<typeof import('./commands/tune')>('tune').registerTune(p)],
  [['worker', 'scheduler', 'queue', 'retrain'], (p) => load<typeof import('./commands/orchestration')>('orchestration').registerOrchestration(p)],
  [['ui'], (p) => load<typeof import('./commands/ui')>('ui').registerUi(p)],
];

/** The names of every top-level command. */
export const commandNames: readonly string[] = commandModules.flatMap(([names]) => names);

/**
 * Builds the `mlops` program: with `only`, just the top-level command of that name (when it is
 * one), else every command.
 */
export function createProgram(only?: string): Command {
  const program = new Command('mlops')
    .description('mlops: pipelines, artifacts and runs for machine learning on Node.js')
    .version(require('../package.json').version as string, '-V, --version')
    .option('-c, --config <path>', 'config file (default: search mlops.config.* up from the working directory)')
    .option('-C, --cwd <dir>', 'working directory to search the config from')
    .option('--json', 'machine-readable JSON output')
    .option('-v, --verbose', 'debug logging and stack traces')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  const wanted = commandModules.filter(([names]) => only !== undefined && names.includes(only));
  for (const [, register] of wanted.length ? wanted : commandModules) register(program);
  return program;
}

/** The first word of argv that is not a global option or its value: the top-level command. */
export function commandWord(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === '--') return undefined;
    if (['-c', '--config', '-C', '--cwd'].includes(word)) i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
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
    const program = createProgram(commandWord(argv.slice(2)));
    checkCommandPath(program, argv.slice(2));
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    throw err;
  }
}
