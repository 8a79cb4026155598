import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Sha256Hasher } from './Sha256Hasher';

const mib = 1024 * 1024;
const expected = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function hashInChunks(bytes: Uint8Array, sizes: number[]): Promise<string> {
  const hasher = new Sha256Hasher();
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    const chunk = Buffer.from(bytes.subarray(at, at + n)); // the hasher must copy: the chunk is overwritten below
    await hasher.update(chunk);
    chunk.fill(0);
    at += n;
  }
  return hasher.digest();
}

describe('Sha256Hasher', () => {
  it('equals createHash on the calling thread and across the 4 MiB batches of the worker', async () => {
    for (const size of [0, 1, 65_536, 4 * mib - 1, 4 * mib, 4 * mib + 1, 13 * mib + 7]) {
      const bytes = randomBytes(size);
      expect(await hashInChunks(bytes, [65_536, 1, 3 * mib, 777])).toBe(expected(bytes));
    }
  });

  it('keeps concurrent jobs apart', async () => {
    const contents = [randomBytes(9 * mib), randomBytes(6 * mib + 3), randomBytes(100)];
    const digests = await Promise.all(contents.map((c) => hashInChunks(c, [mib])));
    expect(digests).toEqual(contents.map(expected));
  });

  it('lets a process exit once done, and after a discarded job', () => {
    const built = resolve(__dirname, '..', '..', 'dist', 'lib', 'Sha256Hasher.js');
    if (!existsSync(built)) throw new Error(`${built} is missing; run \`npx tsc -b tsconfig.build.json\` first`);
    const script = `
      const { Sha256Hasher } = require(${JSON.stringify(built)});
      (async () => {
        const a = new Sha256Hasher();
        await a.update(Buffer.alloc(9 << 20, 1));
        console.log(await a.digest());
        const b = new Sha256Hasher();
        await b.update(Buffer.alloc(9 << 20, 2));
        b.discard();
      })();`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(expected(Buffer.alloc(9 << 20, 1)));
  });
});
