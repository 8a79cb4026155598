import { definePlugin, tokens } from '@mlops/core';
import { orchestratorMigrations, RunStore } from '@mlops/orchestration';
import { sqlHandleOf, type SqlStoreHandle } from '@mlops/sql-metadata';
import { DispatcherRegistry } from './lib/DispatcherRegistry';
import { LocalOrchestrator } from './LocalOrchestrator';
import { localOrchestratorMigrations } from './migrations/0001_local_dispatchers';
import { localOrchestratorOptions } from './options';

/**
 * Plugin: the embedded orchestrator, core's default where the metadata store is SQL (SQLite by
 * default). Run state in `tokens.database`; steps run in child processes of `mlops scheduler`.
 */
export const orchestratorLocal = definePlugin({
  name: 'orchestrator-local',
  provides: tokens.orchestrator,
  requires: [tokens.database, tokens.metadataStore],
  options: localOrchestratorOptions,
  create: (ctx) => {
    const database = ctx.resolve(tokens.database);
    // On first use: `mlops run` and `mlops serve` load the default orchestrator and may never touch
    // its tables, and a non-SQL database service fails only when the orchestrator is used.
    let handle: SqlStoreHandle | undefined;
    const sql = () => (handle ??= sqlHandleOf(database, 'orchestrator-local'));
    return new LocalOrchestrator(ctx.options, {
      store: new RunStore(sql),
      dispatchers: new DispatcherRegistry(sql),
      metadata: ctx.resolve(tokens.metadataStore),
      logger: ctx.logger,
      hooks: ctx.hooks,
      // The same tables as the BullMQ orchestrator: a project moving to many machines keeps its run history.
      migrate: async () => {
        sql(); // a non-SQL database service fails here, naming this plugin
        await database.migrate('orchestrator', orchestratorMigrations);
        await database.migrate('orchestrator_local', localOrchestratorMigrations);
      },
    });
  },
});
