import { readFile } from 'node:fs/promises';
import type { Frame } from '../frame/Frame';
import { frameFromArrowTable } from './frameFromArrowTable';

/**
 * Reads an Arrow IPC file (`.arrow`, file format) or stream (`.arrows`, stream format); apache-arrow
 * detects which. Loaded lazily so importing @mlops/frame does not pay for apache-arrow.
 */
export async function readArrow(path: string): Promise<Frame> {
  const [{ tableFromIPC }, bytes] = await Promise.all([import('apache-arrow'), readFile(path)]);
  return frameFromArrowTable(tableFromIPC(bytes));
}
