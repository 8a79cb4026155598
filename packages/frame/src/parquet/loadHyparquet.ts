/** The hyparquet module. */
export type Hyparquet = typeof import('hyparquet');

/**
 * Loads hyparquet lazily (it is ESM-only, and most users of this package never read Parquet).
 * tsc turns `import()` into `require()` for CommonJS output, which works on Node >= 20.19
 * (require of ES modules). On older Node that throws ERR_REQUIRE_ESM, so we retry with a real
 * dynamic import that the compiler cannot rewrite.
 */
export async function loadHyparquet(): Promise<Hyparquet> {
  try {
    return await import('hyparquet');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw error;
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Hyparquet>;
    return dynamicImport('hyparquet');
  }
}
