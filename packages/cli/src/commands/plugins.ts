import type { Command } from 'commander';
import { fail } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/** `mlops plugins ls`: every stage slot, the plugin configured for it, and optionally its health. */
export function registerPlugins(program: Command): void {
  const plugins = program.command('plugins').description('inspect configured plugins');
  plugins
    .command('ls')
    .description('list every stage slot and the plugin that fills it')
    .option('--health', 'start the plugins and report their health')
    .action(async (flags: { health?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const [core, f] = await Promise.all([import('@mlops/core'), import('../lib/format')]);
        const config = await core.loadConfig({ cwd: opts.cwd, configPath: opts.config });
        let health: Record<string, { ok: boolean; detail?: string }> = {};
        if (flags.health) {
          const runtime = await core.createRuntime(config, { logger: core.silentLogger });
          try {
            health = await runtime.health();
          } finally {
            await runtime.close();
          }
        }
        const rows = core.slotNames.map((slot) => {
          const p = config.plugins.find((x) => x.slot === slot);
          return { slot, plugin: p?.plugin.name ?? null, source: p?.source ?? null, health: health[slot] ?? null };
        });
        if (opts.json) return f.printJson(rows);
        const header = ['SLOT', 'PLUGIN', 'FROM', ...(flags.health ? ['HEALTH'] : [])];
        const cells = rows.map((r) => [r.slot, r.plugin ?? f.color.dim('-'), r.source ?? '', ...(flags.health ? [r.health ? (r.health.ok ? f.color.green('ok') : f.color.red(`down: ${r.health.detail ?? ''}`)) : ''] : [])]);
        process.stdout.write(`${f.table(header, cells)}\n`);
        if (flags.health && rows.some((r) => r.health && !r.health.ok)) process.exitCode = 1;
      } catch (err) {
        fail(err, opts);
      }
    });
}
