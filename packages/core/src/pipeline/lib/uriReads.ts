// A step's `reads` entry may be a data URI (`s3://bucket/key`) instead of a local path. Its cache
// identity is the object's size and version (ETag), asked of the scheme's registered handler;
// @mlops/frame is loaded only when such an entry occurs.

const uriPattern = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//;

/** True for `scheme://…` other than `file://`. */
export function isUriEntry(entry: string): boolean {
  return uriPattern.test(entry) && !/^file:\/\//i.test(entry);
}

/** `uri:<size>:<version>` of the object; throws the handler's error (unknown scheme, missing object). */
export async function uriIdentity(uri: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { locationStat } = require('@mlops/frame') as typeof import('@mlops/frame');
  const { size, version } = await locationStat(uri);
  return `uri:${size}:${version}`;
}
