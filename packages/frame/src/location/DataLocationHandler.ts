/** A byte range `[start, end)`; `end` omitted means to the end of the object. */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

/** What `stat` tells about a file or an object. */
export interface LocationStat {
  readonly size: number;
  /** Changes whenever the content does: an ETag, or a local file's mtime. */
  readonly version: string;
}

/**
 * Reads and writes objects behind one URI scheme (`s3`), so every reader that takes a path also takes
 * `<scheme>://…`. A plugin registers one with `registerDataLocationHandler`; the frame package itself
 * knows only local files. Every failure is a `DataLocationError` naming the URI.
 */
export interface DataLocationHandler {
  /** Lower-case scheme without `:` or `//`, e.g. `s3`. */
  readonly scheme: string;
  /** Size of the object, and a tag that changes when its content does (an ETag). */
  stat(uri: string): Promise<LocationStat>;
  /** The bytes of `range` (default: all), yielded as they arrive: never the whole object at once. */
  read(uri: string, range?: ByteRange): Promise<AsyncIterable<Uint8Array>>;
  /** Replaces the object with the content of a local file, streamed (readers never see a partial object). */
  writeFile(uri: string, localPath: string): Promise<void>;
}
