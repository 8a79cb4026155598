import { readFile } from 'node:fs/promises';
import type { Frame } from '../frame/Frame';
import { dataLocationHandler, isDataUri, localPathOf } from '../location/dataLocations';
import { frameFromArrowTable } from './frameFromArrowTable';

/**
 * Reads an Arrow IPC file (`.arrow`, file format) or stream (`.arrows`, stream format); apache-arrow
 * detects which. Loaded lazily so importing @mlops/frame does not pay for apache-arrow. `path` may
 * be a registered URI (`s3://…`); the IPC reader needs all the bytes, so they are collected first.
 */
export async function readArrow(path: string): Promise<Frame> {
  const [{ tableFromIPC }, bytes] = await Promise.all([import('apache-arrow'), readBytes(path)]);
  return frameFromArrowTable(tableFromIPC(bytes));
}

async function readBytes(location: string): Promise<Uint8Array> {
  if (!isDataUri(location)) return readFile(localPathOf(location));
  const chunks: Uint8Array[] = [];
  for await (const chunk of await dataLocationHandler(location).read(location)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
