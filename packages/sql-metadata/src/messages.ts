/** Wording of this package's errors that core's `messages` does not cover. */
export const sqlMessages = {
  stepRunNotFound: (id: string) => `step run ${id} not found`,
  schemaOnSqlite: (schema: string) => `schema "${schema}" was given, but SQLite has no schemas; leave \`schema\` unset`,
  failed: (operation: string, reason: string) => `metadata store: ${operation} failed: ${reason}`,
} as const;
