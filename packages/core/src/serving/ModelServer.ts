import type { Lifecycle } from '../plugins/Lifecycle';
import type { ModelFeatures, ModelSignature } from '../registry/ModelRegistry';

/** The model a server answers with now. */
export interface ServedModelInfo {
  /** Registry name, or the file's base name for a model served from a file. */
  name: string;
  /** Registry version; null for a file. */
  version: number | null;
  /** Alias the server follows (`champion`); null when pinned to a version or a file. */
  alias: string | null;
  /** Digest of the ONNX bytes. */
  digest: string;
  signature: ModelSignature;
  /** The feature service the version was trained from (registry), if any. */
  features?: ModelFeatures | null;
  loadedAt: number;
}

/** What a reload did. */
export interface ReloadResult {
  changed: boolean;
  from: ServedModelInfo | null;
  to: ServedModelInfo;
}

/**
 * An online model server. Creating it (the runtime's `start`) does nothing visible: `listen` loads
 * the model and accepts requests, so a config that names a server does not make `mlops run` serve.
 * `close` stops accepting connections and drains in-flight requests.
 */
export interface ModelServer extends Lifecycle {
  /** Loads the model and listens; as a cluster primary (several workers), forks workers that do. */
  listen(): Promise<void>;
  /** `http://host:port` once listening; undefined before `listen` and in a cluster primary. */
  readonly url: string | undefined;
  /** The served model; undefined before it is loaded. */
  model(): ServedModelInfo | undefined;
  /** Re-resolves the alias now and switches if it moved (what the poller and `POST /admin/reload` do). */
  reload(): Promise<ReloadResult>;
}
