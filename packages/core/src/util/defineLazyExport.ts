/**
 * Makes `exports[name]` a getter that requires its module on first read. For exported values whose
 * module is costly to load (zod schemas): `export declare const` gives the type, this the value.
 */
export function defineLazyExport(moduleExports: object, name: string, load: () => unknown): void {
  Object.defineProperty(moduleExports, name, { enumerable: true, configurable: true, get: load });
}
