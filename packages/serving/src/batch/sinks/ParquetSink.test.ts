import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHyparquet, readParquet } from '@mlops/frame';
import { ParquetSink } from './ParquetSink';

describe('ParquetSink', () => {
  it('streams the committed rows into row groups of the given size, text keys and nulls kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlops-parquet-sink-'));
    try {
      const path = join(dir, 'out.parquet');
      const sink = new ParquetSink(path, 'id', 4);
      await sink.begin({ input: 'in.csv', idColumn: 'id', model: null, columns: ['label', 'value'] }, false);
      for (let chunk = 0; chunk < 3; chunk++) {
        const keys = [0, 1, 2].map((i) => `k${chunk * 3 + i}`);
        await sink.commit(keys, [
          { name: 'label', kind: 'text', values: keys.map((k) => `label of ${k}`) },
          { name: 'value', kind: 'number', values: Float64Array.from([0, 1, 2], (i) => (chunk === 1 && i === 1 ? NaN : chunk * 3 + i + 0.5)) },
        ], { row: (chunk + 1) * 3 } as never);
      }
      await sink.finish();
      await sink.close();
      const rows = (await readParquet(path)).toRows();
      expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 9 }, (_, i) => `k${i}`));
      expect(rows[4]).toEqual({ id: 'k4', label: 'label of k4', value: null });
      expect(rows[8]!.value).toBe(8.5);
      const hyparquet = await loadHyparquet();
      const bytes = await readFile(path);
      const metadata = hyparquet.parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
