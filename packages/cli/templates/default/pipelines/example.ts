import * as path from 'node:path';
import { pipeline, step } from '@mlops/core';
import { readCsv, type Frame } from '@mlops/frame';
import { z } from 'zod';

/** Reads a CSV into a columnar frame. */
export const ingest = step({
  name: 'ingest',
  params: z.object({ path: z.string() }),
  // The file's content is part of the cache key: edit the CSV and the next run reads it again.
  reads: (p) => [p.path],
  run: async (_inputs, ctx) => {
    const { frame: dataset } = await readCsv(path.resolve(ctx.projectRoot, ctx.params.path));
    ctx.log.info(`read ${dataset.rowCount} rows`);
    return { dataset };
  },
});

/** Mean of every numeric column. */
export const means = step({
  name: 'means',
  run: ({ dataset }: { dataset: Frame }) => {
    const out: Record<string, number> = {};
    for (const name of dataset.names) {
      const col = dataset.column(name);
      if (col.dtype !== 'float64' && col.dtype !== 'int32') continue;
      let sum = 0;
      for (let i = 0; i < dataset.rowCount; i++) sum += col.data[i];
      out[name] = sum / dataset.rowCount;
    }
    return { means: out };
  },
});

export const example = pipeline({
  name: 'example',
  description: 'read the iris data and compute column means',
  params: z.object({ data: z.string().default('data/iris.csv') }),
  build: (p, params) => {
    const raw = p.add(ingest, { params: { path: params.data } });
    p.add(means, { inputs: { dataset: raw.out.dataset } });
  },
});
