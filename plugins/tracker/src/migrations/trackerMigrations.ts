import type { SchemaMigration } from '@mlops/sql-metadata';
import { tracker0001 } from './0001_tracker';
import { tracker0002 } from './0002_metric_summaries';

/** The tracker's migrations, oldest first. Append only: names are recorded in the database. */
export const trackerMigrations: readonly SchemaMigration[] = [tracker0001, tracker0002];

/** Table (in the store's schema) recording which tracker migrations ran, apart from the store's own. */
export const trackerMigrationsTable = 'mlops_tracker_migrations';
