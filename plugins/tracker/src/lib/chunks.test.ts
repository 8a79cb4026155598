import { describe, expect, it } from '@jest/globals';
import { chunksFor } from './chunks';

describe('chunksFor', () => {
  it('keeps each chunk under the bound-parameter limit and loses no row', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => i);
    const chunks = chunksFor(rows, 5, 999);
    expect(chunks.map((c) => c.length)).toEqual([199, 199, 199, 199, 199, 6]);
    expect(chunks.flat()).toEqual(rows);
    expect(chunksFor([], 5)).toEqual([]);
    expect(chunksFor([1, 2], 2000, 999)).toEqual([[1], [2]]);
    // SQLite's 500-term limit on knex's `union all` inserts caps narrow rows too.
    expect(chunksFor(rows, 1, 999).map((c) => c.length)).toEqual([500, 500, 1]);
  });
});
