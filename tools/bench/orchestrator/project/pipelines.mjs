// The benchmarks' pipelines: empty steps, so what is measured is the orchestrator's own cost per step
// (claim, child process round trip, step records, completion), not the steps' work.
import { pipeline, step } from '@mlops/core';
import { z } from 'zod';

const empty = step({ name: 'empty', cache: false, run: () => ({}) });

export const pipelines = {
  // n independent empty steps: a fan-out the workers share.
  wide: pipeline({
    name: 'wide',
    params: z.object({ n: z.number().int().positive() }),
    build: (p, { n }) => {
      for (let i = 0; i < n; i++) p.add(empty, { id: `s${i}` });
    },
  }),
  one: pipeline({ name: 'one', build: (p) => void p.add(empty, { id: 'only' }) }),
};
