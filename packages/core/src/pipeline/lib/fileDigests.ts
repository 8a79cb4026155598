import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isUriEntry, uriIdentity } from './uriReads';

// Hashing a large CSV costs about a second per 300 MB; a file unchanged since (same size and
// mtime) is hashed once per process.
const known = new Map<string, { size: number; mtimeMs: number; digest: string }>();

async function digestOf(file: string): Promise<string> {
  const st = await stat(file).catch(() => undefined);
  if (!st) return 'missing';
  if (st.isDirectory()) return `directory:${st.mtimeMs}`;
  const hit = known.get(file);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.digest;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = `sha256:${hash.digest('hex')}`;
  known.set(file, { size: st.size, mtimeMs: st.mtimeMs, digest });
  return digest;
}

/** Content digest of each file a step declares it reads (relative to the project root; a URI by size and ETag); `missing` if absent. */
export async function fileDigests(files: readonly string[], projectRoot: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) out[f] = isUriEntry(f) ? await uriIdentity(f).catch(() => 'missing') : await digestOf(path.resolve(projectRoot, f));
  return out;
}
