import type { SchemaMigration } from '@mlops/sql-metadata';
import { orchestrator0001 } from './0001_orchestrator';
import { orchestrator0002 } from './0002_step_counters';

/** Append only: names are recorded in `mlops_orchestrator_migrations`. */
export const orchestratorMigrations: readonly SchemaMigration[] = [orchestrator0001, orchestrator0002];
