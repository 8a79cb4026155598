import { DataLocationError } from '../errors/errors';
import type { DataLocationHandler } from './DataLocationHandler';

// One registry per process, also when two copies of this package are installed (a plugin bringing
// its own): `Symbol.for` is shared across copies, a module-level Map would not be.
const registryKey = Symbol.for('@mlops/frame.dataLocations');
type Registry = Map<string, DataLocationHandler>;
const registry = ((globalThis as Record<symbol, unknown>)[registryKey] ??= new Map()) as Registry;

// `scheme://rest`, scheme per RFC 3986; at least two letters so `C:\data.csv` stays a local path.
const uriPattern = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//;

/** The lower-case scheme of `s3://…`-like text, or undefined for a local path (also `file://`). */
export function dataLocationScheme(location: string): string | undefined {
  const scheme = uriPattern.exec(location)?.[1]?.toLowerCase();
  return scheme === 'file' ? undefined : scheme;
}

/** True when `location` is a URI a handler reads (not a local path). */
export function isDataUri(location: string): boolean {
  return dataLocationScheme(location) !== undefined;
}

/**
 * Makes readers accept `<scheme>://…`. Returns a function that removes the handler again (when its
 * plugin closes). A later registration of the same scheme replaces the earlier one.
 */
export function registerDataLocationHandler(handler: DataLocationHandler): () => void {
  const scheme = handler.scheme.toLowerCase();
  if (!/^[a-z][a-z0-9+.-]+$/.test(scheme)) throw new TypeError(`invalid URI scheme "${handler.scheme}"`);
  registry.set(scheme, handler);
  return () => {
    if (registry.get(scheme) === handler) registry.delete(scheme);
  };
}

/** The handler for a URI; throws DataLocationError naming the URI and the registered schemes. */
export function dataLocationHandler(uri: string): DataLocationHandler {
  const scheme = dataLocationScheme(uri);
  if (scheme === undefined) throw new DataLocationError(uri, `"${uri}" is a local path, not a URI`, { badInput: true });
  const handler = registry.get(scheme);
  if (handler) return handler;
  const known = [...registry.keys()].map((s) => `${s}://`);
  const hint = scheme === 's3' ? '; configure `plugins.dataLocations: \'@mlops/storage-s3\'` (or call registerS3DataLocations() from @mlops/storage-s3)' : '';
  throw new DataLocationError(uri, `${uri}: unknown URI scheme "${scheme}://" (registered: ${known.join(', ') || 'none, only local paths'})${hint}`, {
    badInput: true,
    expected: known.length ? `a local path or ${known.join(' / ')} URI` : 'a local path',
  });
}

/** A local path as written, with a `file://` prefix removed. */
export function localPathOf(location: string): string {
  return /^file:\/\//i.test(location) ? decodeURIComponent(location.replace(/^file:\/\//i, '')) : location;
}
