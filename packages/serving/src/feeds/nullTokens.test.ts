import { describe, expect, it } from '@jest/globals';
import { readCsv } from '@mlops/frame';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkFeeds } from '../batch/lib/chunkFeeds';
import { columnsSource, frameSource } from './FeedSource';
import { nullTokens } from './nullTokens';
import { toFeeds } from './toFeeds';

const specs = [{ name: 'x', kind: 'float32' as const, nullable: true }, { name: 's', kind: 'string' as const, nullable: true }];

describe('null tokens shared by training and serving', () => {
  it('lists the spellings pandas treats as missing, including NULL and nan', () => {
    expect([...nullTokens].sort()).toEqual(['', 'N/A', 'NA', 'NULL', 'NaN', 'nan', 'null']);
  });

  it.each([...nullTokens])('the training reader and every serving path agree that %j is missing', async (token) => {
    const dir = mkdtempSync(join(tmpdir(), 'null-tokens-'));
    try {
      const file = join(dir, 'data.csv');
      // A numeric column x and a text column s, with the token in the second row of each.
      writeFileSync(file, `x,s\n1.5,a\n${token},${token}\n`);
      const { frame } = await readCsv(file, { schema: { x: 'float64', s: 'category' } });
      expect(frame.column('x').nulls?.[1]).toBe(1);
      expect(frame.column('s').nulls?.[1]).toBe(1);

      const training = toFeeds(frameSource(frame), specs);
      const online = toFeeds(columnsSource(2, { x: [1.5, token], s: ['a', token] }), specs);
      const batch = chunkFeeds({ rowCount: 2, keys: [0, 1], column: (n) => (n === 'x' ? [1.5, token] : ['a', token]), next: { row: 2 } }, specs, 'data.csv', ['x', 's']);
      for (const feeds of [training, online, batch]) {
        expect(Array.from(feeds.x!.data as Float32Array)).toEqual([1.5, NaN]);
        expect(feeds.s!.data).toEqual(['a', '']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
