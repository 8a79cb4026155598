import { z } from 'zod';
import { cutPlan, targetStepsOf } from './cutPlan';
import { pipeline } from './pipeline';
import { step } from './step';

const produce = step({ name: 'produce', run: () => ({ n: 1 }) });
const consume = step({ name: 'consume', params: z.object({ k: z.number() }), run: ({ n }: { n: number }, ctx) => ({ total: n * ctx.params.k }) });
const sum = step({ name: 'sum', run: (inputs: Record<string, number>) => ({ total: Object.values(inputs).reduce((a, b) => a + b, 0) }) });

// produce → twice, thrice → sum; `other` stands alone.
const p = pipeline({
  name: 'p',
  build: (b) => {
    const a = b.add(produce);
    const two = b.add(consume, { id: 'twice', inputs: { n: a.out.n }, params: { k: 2 } });
    const three = b.add(consume, { id: 'thrice', inputs: { n: a.out.n }, params: { k: 3 } });
    b.add(sum, { inputs: { a: two.out.total, b: three.out.total } });
    b.add(produce, { id: 'other' });
  },
});

describe('cutPlan', () => {
  it('keeps the targets and their ancestors, in plan order', () => {
    expect(cutPlan('p', p.plan({}), ['twice']).map((s) => s.id)).toEqual(['produce', 'twice']);
    expect(cutPlan('p', p.plan({}), ['other', 'thrice']).map((s) => s.id)).toEqual(['produce', 'thrice', 'other']);
    expect(cutPlan('p', p.plan({}), ['sum']).map((s) => s.id)).toEqual(['produce', 'twice', 'thrice', 'sum']);
  });

  it('names the pipeline and its steps for an unknown target, or throws the caller\'s error', () => {
    expect(() => cutPlan('p', p.plan({}), ['twise'])).toThrow('pipeline "p" has no step "twise" to run up to (steps: produce, twice, thrice, sum, other)');
    expect(() => cutPlan('p', p.plan({}), ['nope'], (s, known) => new Error(`${s} not in ${known.length}`))).toThrow('nope not in 5');
  });

  it('reads the targets of a run from its mlops.targets tag', () => {
    expect(targetStepsOf({ 'mlops.targets': 'train, evaluate' })).toEqual(['train', 'evaluate']);
    expect(targetStepsOf({ other: 'x' })).toBeUndefined();
    expect(targetStepsOf(undefined)).toBeUndefined();
  });
});
