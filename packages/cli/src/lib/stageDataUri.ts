import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/**
 * Batch inference over `s3://…` (any registered URI scheme). The batch reader and writers checkpoint
 * by byte offset in a local file, so a URI input is first streamed to a local copy (chunk by chunk,
 * never whole in memory) and a URI output is written locally, then uploaded once complete. The local
 * output stays (with its checkpoint) while a run is unfinished, so `--resume` continues it.
 */
export interface StagedUri {
  /** The local file batch inference reads or writes. */
  readonly path: string;
  /** Uploads the finished output to its URI and removes the local copy (outputs only). */
  publish(): Promise<void>;
  /** Removes the local copy of an input. */
  cleanup(): Promise<void>;
}

function stageDir(stateDir: string, kind: 'inputs' | 'outputs', uri: string): string {
  return join(stateDir, 'predict', kind, createHash('sha256').update(uri).digest('hex').slice(0, 16));
}

/** Streams a URI's object into `<stateDir>/predict/inputs/<hash>/<name>`. */
export async function stageInputUri(uri: string, stateDir: string): Promise<StagedUri> {
  const { dataLocationHandler } = await import('@mlops/frame');
  const handler = dataLocationHandler(uri);
  const dir = stageDir(stateDir, 'inputs', uri);
  await mkdir(dir, { recursive: true });
  const path = join(dir, basename(uri));
  const partial = `${path}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(await handler.read(uri)), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { path, publish: async () => undefined, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A local file in `<stateDir>/predict/outputs/<hash>/` for a URI output; `publish` uploads it. */
export async function stageOutputUri(uri: string, stateDir: string): Promise<StagedUri> {
  const { dataLocationHandler } = await import('@mlops/frame');
  const handler = dataLocationHandler(uri);
  const dir = stageDir(stateDir, 'outputs', uri);
  await mkdir(dir, { recursive: true });
  const path = join(dir, basename(uri));
  return {
    path,
    async publish() {
      await handler.writeFile(uri, path);
      await rm(dir, { recursive: true, force: true });
    },
    cleanup: async () => undefined,
  };
}
