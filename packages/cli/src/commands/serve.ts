import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

interface ServeFlags {
  model?: string;
  modelFile?: string;
  signature?: string;
  port?: number;
  host?: string;
  workers?: number;
  shadow?: string;
}

type Runtime = import('@mlops/core').Runtime;
type AnyPlugin = import('@mlops/core').AnyPlugin;
type ModelServer = import('@mlops/core').ModelServer;
type SlotName = import('@mlops/core').SlotName;
type ResolvedConfig = import('@mlops/core').ResolvedConfig;

/** `mlops serve`: the HTTP model server for a registry alias or an ONNX file, until SIGINT/SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve a model over HTTP: POST /predict, GET /health /ready /metrics /model (follows the alias when it moves)')
    .option('--model <ref>', 'registry model: NAME@ALIAS (followed on promotion/rollback), NAME:VERSION or NAME')
    .option('--model-file <path>', 'a serving ONNX file instead of a registry model (needs --signature)')
    .option('--signature <path>', "the model's signature JSON (with --model-file)")
    .option('--port <n>', 'port (default 8080, or the config)', integerArg(0, 65535))
    .option('--host <host>', 'interface to listen on (default 127.0.0.1; 0.0.0.0 for all)')
    .option('--workers <n>', 'worker processes (default: one per core)', integerArg(1))
    .option('--shadow <ref>', 'candidate NAME@ALIAS that receives a mirrored copy of live traffic')
    .action(async (flags: ServeFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        await serve(opts, flags);
      } catch (err) {
        fail(err, opts);
      }
    });
}

async function serve(opts: GlobalOptions, flags: ServeFlags): Promise<void> {
  if (flags.model && flags.modelFile) throw new UsageError('give one of --model NAME@ALIAS or --model-file F.onnx, not both');
  if (flags.modelFile && !flags.signature) throw new UsageError('--model-file needs --signature S.json (the model’s inputs, outputs and classes)');
  const [core, { openSession }] = await Promise.all([import('@mlops/core'), import('../lib/openSession')]);
  stopWhenOrphaned();
  let server: ModelServer | undefined;
  // Plugins the server may use, and monitors (they subscribe to predictionsServed); the server
  // itself is created below, with the flags applied. A model file with no shadow (flag or config)
  // needs neither the registry nor the stores: they are not started unless a plugin that is (the
  // monitor, the feature store) needs them, so such a server opens no database, loads no driver
  // and writes no .mlops folder (a process of 472 modules and a 12.6 MB heap instead of 838 and 35).
  const all: SlotName[] = ['modelRuntime', 'modelRegistry', 'artifactStore', 'metadataStore', 'featureStore', 'monitor'];
  const fileOnly = (config: ResolvedConfig) => Boolean(flags.modelFile) && !flags.shadow && !(config.plugins.find((p) => p.slot === 'server')?.options as { shadow?: unknown } | undefined)?.shadow;
  const runtime = await openSession(opts, all, async () => {
    await server?.close?.();
  }, ['server'], (config) => (fileOnly(config) ? ['modelRuntime', 'featureStore', 'monitor'] : all));
  try {
    const configured = runtime.config.plugins.find((p) => p.slot === 'server');
    const plugin = configured?.plugin ?? (await pluginFrom('@mlops/server', runtime));
    const base = (configured?.options ?? {}) as Record<string, unknown>;
    const modelGiven = flags.model || flags.modelFile;
    const raw = {
      ...base,
      ...(modelGiven ? { model: flags.model, modelFile: flags.modelFile, signatureFile: flags.signature } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.host ? { host: flags.host } : {}),
      ...(flags.workers ? { workers: flags.workers } : {}),
      ...(flags.shadow ? { shadow: { ...(base.shadow as object | undefined), model: flags.shadow } } : {}),
    };
    const parsed = plugin.options ? plugin.options.safeParse(raw) : { success: true as const, data: raw };
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || 'server'}: ${i.message}`).join('\n'));
    // A registry model needs the registry: said once here, before any worker is forked (each worker
    // would fail on it, exit and be restarted by the primary).
    if ((parsed.data as { model?: unknown }).model && !runtime.has(core.tokens.modelRegistry)) runtime.get(core.tokens.modelRegistry);
    const modelRuntime = runtime.has(core.tokens.modelRuntime) ? runtime.get(core.tokens.modelRuntime) : await defaultRuntime(runtime);
    const services = new Map<string, unknown>([[core.tokens.modelRuntime.id, modelRuntime]]);
    server = (await plugin.create(context(runtime, parsed.data, services))) as ModelServer;
    await server.listen();
    const m = server.model();
    if (server.url && m) {
      if (opts.json) process.stdout.write(`${JSON.stringify({ url: server.url, model: m.name, version: m.version, alias: m.alias, pid: process.pid })}\n`);
      else process.stdout.write(`serving ${m.name}${m.version === null ? '' : ` v${m.version}`}${m.alias ? ` (@${m.alias})` : ''} on ${server.url}\n`);
    }
  } catch (err) {
    await server?.close?.();
    await runtime.close();
    throw err;
  }
}

/**
 * `npx mlops serve` is npx → sh → node: npm passes SIGTERM on to `sh`, which exits without passing it
 * to node, and a killed npx takes no child with it (`sh` lives on, waiting). The orphaned server would
 * keep its port (the next `serve` fails with EADDRINUSE), so it stops, gracefully (the SIGTERM path),
 * as soon as its parent is gone, or, when that parent is a shell (npm's `sh -c`), its grandparent.
 * A parent that is a program (a benchmark, a supervisor written in node) answers for the server
 * itself: its own parent leaving is no reason to stop (a bench started in the background by a shell
 * that then exited saw its servers stop during start-up, with nothing in their log).
 * Under a supervisor (systemd, a container's init: pid 1) nothing is watched; `nohup … &` is no way
 * to keep a server: use one, or `mlops build`.
 */
function stopWhenOrphaned(): void {
  const parent = process.ppid;
  const watched = [parent, isShell(parent) ? parentOf(parent) : undefined].filter((pid): pid is number => pid !== undefined && pid > 1);
  const gone = (pid: number) => {
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
  const timer = setInterval(() => {
    if (process.ppid === parent && !watched.some(gone)) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, 200);
  timer.unref();
}

/** Whether `pid` runs a POSIX shell (from /proc; false elsewhere, where only the parent is watched). */
function isShell(pid: number): boolean {
  try {
    return /^(sh|bash|dash|ash|zsh|ksh|busybox)$/.test(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
  } catch {
    return false;
  }
}

/** The parent of `pid` from /proc (Linux); undefined elsewhere, where only the parent is watched. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** No `plugins.modelRuntime` configured: onnxruntime with its default options. */
async function defaultRuntime(runtime: Runtime) {
  const plugin = await pluginFrom('@mlops/runtime-onnx', runtime);
  const service = await plugin.create(context(runtime, plugin.options ? plugin.options.parse({}) : {}));
  await service.start?.();
  return service;
}

async function pluginFrom(name: string, runtime: Runtime): Promise<AnyPlugin> {
  const { loadPluginPackage } = await import('@mlops/core');
  const [plugin] = await loadPluginPackage(name, runtime.config.projectRoot);
  if (!plugin) throw new UsageError(`${name} exports no plugin`);
  return plugin;
}

/** The context the runtime would give a plugin, backed by the session's started plugins. */
function context(runtime: Runtime, options: unknown, extra = new Map<string, unknown>()) {
  const lookup = (token: { id: string }) => (extra.has(token.id) ? extra.get(token.id) : runtime.has(token as never) ? runtime.get(token as never) : undefined);
  return {
    options,
    projectRoot: runtime.config.projectRoot,
    stateDir: runtime.config.stateDir,
    logger: runtime.logger,
    hooks: runtime.hooks,
    provide: () => undefined,
    resolve: (token: { id: string; description?: string }) => {
      const service = lookup(token);
      if (service === undefined) throw new UsageError(`mlops serve needs ${token.description ?? token.id}; configure it under \`plugins\` in ${runtime.config.file}`);
      return service;
    },
    tryResolve: lookup,
  } as never;
}
