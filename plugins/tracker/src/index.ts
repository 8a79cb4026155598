import { tracker } from './plugin';

export { tracker };
export { SqlTracker } from './SqlTracker';
export { trackerOptions, type TrackerUserOptions } from './options';
export { trackerMigrations, trackerMigrationsTable } from './migrations/trackerMigrations';
export { trackerTables } from './migrations/0001_tracker';
export { filterLimits, parseFilter } from './filter/parseFilter';
export type { FilterExpr, FilterComparison, FilterLogical, FieldRef, FilterLiteral, ComparisonOp } from './filter/FilterAst';
export { TrackerError, ParamConflictError, QueryLimitError, QuerySyntaxError, trackerErrorCodes, type TrackerErrorCode } from './errors';

/** The package's plugins; `plugins: { tracker: '@mlops/tracker' }` picks this one by its token. */
export const plugins = [tracker];
export default plugins;
