import { z } from 'zod';
import { pipeline, type OutputRef } from './pipeline';
import { step } from './step';

const produce = step({ name: 'produce', run: () => ({ n: 1, label: 'a' }) });
const consume = step({ name: 'consume', params: z.object({ k: z.number() }), run: ({ n }: { n: number }, ctx) => ({ total: n * ctx.params.k }) });

describe('pipeline', () => {
  it('plans steps with their wiring, in an order that respects inputs', () => {
    const p = pipeline({
      name: 'p',
      build: (b) => {
        const a = b.add(produce);
        b.add(consume, { id: 'twice', inputs: { n: a.out.n }, params: { k: 2 } });
        b.add(consume, { id: 'thrice', inputs: { n: a.out.n }, params: { k: 3 } });
      },
    });
    const plan = p.plan({});
    expect(plan.map((s) => [s.id, s.inputs, s.params])).toEqual([
      ['produce', {}, {}],
      ['twice', { n: { step: 'produce', output: 'n' } }, { k: 2 }],
      ['thrice', { n: { step: 'produce', output: 'n' } }, { k: 3 }],
    ]);
  });

  it('types inputs and params at compile time', () => {
    const typed = pipeline({
      name: 'typed',
      build: (b) => {
        const a = b.add(produce);
        // @ts-expect-error: `label` is a string output, `n` wants a number
        b.add(consume, { inputs: { n: a.out.label }, params: { k: 1 } });
        // @ts-expect-error: consume needs its input
        b.add(consume, { id: 'x', params: { k: 1 } });
        const ref: OutputRef<number> = a.out.n;
        void ref;
      },
    });
    // The mistyped wiring above is a compile error only; at run time the plan still has every step.
    expect(typed.plan({}).map((s) => s.id)).toEqual(['produce', 'consume', 'x']);
  });

  it('rejects duplicate step ids and refs from another pipeline', () => {
    const dup = pipeline({ name: 'dup', build: (b) => void [b.add(produce), b.add(produce)] });
    expect(() => dup.plan({})).toThrow('pipeline "dup" has two steps with id "produce"; give one an explicit id');
    let stolen: OutputRef<number> | undefined;
    pipeline({ name: 'one', build: (b) => void (stolen = b.add(produce).out.n) }).plan({});
    const two = pipeline({ name: 'two', build: (b) => void b.add(consume, { inputs: { n: stolen! }, params: { k: 1 } }) });
    expect(() => two.plan({})).toThrow('pipeline "two": step "consume" input "n" refers to a step that is not part of this pipeline');
  });

  it('records where a step was defined, for its code digest', () => {
    expect(produce.sourceFile).toBe(__filename);
  });

  it('refuses pipeline names and step ids that would leave their folder as paths', () => {
    expect(() => pipeline({ name: '../../etc', build: () => undefined })).toThrow('pipeline name must not have a ".." segment, received "../../etc"');
    expect(() => pipeline({ name: '/abs', build: () => undefined })).toThrow('pipeline name must not be an absolute path, received "/abs"');
    const bad = (id: string) => pipeline({ name: 'p', build: (b) => void b.add(produce, { id }) }).plan({});
    expect(() => bad('..')).toThrow('step name must not have a ".." segment, received ".."');
    expect(() => bad('a\\b')).toThrow('step name must not contain a backslash');
    expect(() => bad('a/b')).toThrow('pipeline "p": step id must be one segment (no "/"), received "a/b"');
  });
});
