import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

interface UiFlags {
  port?: number;
  host?: string;
  allowedHost?: string[];
}

/** `mlops ui`: the dashboard (runs, comparisons, the registry) on http://127.0.0.1:4000 until Ctrl-C. */
export function registerUi(program: Command): void {
  program
    .command('ui')
    .description('the dashboard in the browser: runs, curves, comparisons, the model registry (promote and roll back with MLOPS_UI_TOKEN)')
    .option('--port <n>', 'port (default 4000; 0 picks a free one)', integerArg(0, 65535))
    .option('--host <host>', 'interface to listen on (default 127.0.0.1; 0.0.0.0 for all)')
    .option('--allowed-host <name>', 'a host name the dashboard answers to besides localhost and IP addresses (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .action(async (flags: UiFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        await ui(opts, flags);
      } catch (err) {
        fail(err, opts);
      }
    });
}

async function ui(opts: GlobalOptions, flags: UiFlags): Promise<void> {
  const [{ openSession }, { createUiServer, uiServicesFromRuntime }] = await Promise.all([import('../lib/openSession'), import('@mlops/ui')]);
  let server: import('@mlops/ui').UiServer | undefined;
  // The orchestrator slot (the embedded default or a configured one) feeds the orchestration section;
  // the monitor and the tuner feed the Data and Tuning sections; the validator is only looked up in the config.
  const runtime = await openSession(opts, ['metadataStore', 'artifactStore', 'tracker', 'modelRegistry', 'orchestrator', 'monitor', 'tuner'], async () => {
    await server?.close();
  }, ['validator']);
  try {
    // The variable, else the config's `ui.token`. Empty counts as unset: an exported-but-empty
    // variable must not make every action pass.
    const token = process.env.MLOPS_UI_TOKEN?.trim() || runtime.config.ui.token;
    server = await createUiServer(uiServicesFromRuntime(runtime), { port: flags.port, host: flags.host, allowedHosts: flags.allowedHost, token, onError: (err) => runtime.logger.error(String((err as Error)?.stack ?? err)) });
    const writable = token !== null;
    if (opts.json) process.stdout.write(`${JSON.stringify({ url: server.url, writable, pid: process.pid })}\n`);
    else process.stdout.write(`dashboard on ${server.url} (${writable ? 'promote and rollback need the token in a header' : 'read-only: set MLOPS_UI_TOKEN or ui.token in the config to allow promote and rollback'}); Ctrl-C stops it\n`);
  } catch (err) {
    await server?.close();
    await runtime.close();
    throw err;
  }
}
