import { definePlugin, tokens } from '@mlops/core';
import { orchestratorMigrations, RunStore } from '@mlops/orchestration';
import { sqlHandleOf } from '@mlops/sql-metadata';
import { BullmqOrchestrator } from './BullmqOrchestrator';
import { bullmqOrchestratorOptions } from './options';

/**
 * Plugin: the distributed orchestrator. Run state in the SQL database of the metadata store
 * (`tokens.database`: Postgres when workers run on many machines), jobs on BullMQ in Redis.
 */
export const orchestratorBullmq = definePlugin({
  name: 'orchestrator-bullmq',
  provides: tokens.orchestrator,
  requires: [tokens.database, tokens.metadataStore],
  options: bullmqOrchestratorOptions,
  create: (ctx) => {
    const database = ctx.resolve(tokens.database);
    const store = new RunStore(sqlHandleOf(database, 'orchestrator-bullmq'));
    return new BullmqOrchestrator(ctx.options, { store, metadata: ctx.resolve(tokens.metadataStore), logger: ctx.logger, hooks: ctx.hooks, migrate: () => database.migrate('orchestrator', orchestratorMigrations) });
  },
});
