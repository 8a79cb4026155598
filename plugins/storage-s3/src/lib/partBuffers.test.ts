import { PartBuffers } from './partBuffers';

describe('PartBuffers', () => {
  it('hands back a kept buffer, whole, after a view of it was given back', () => {
    const buffers = new PartBuffers(1024, 2);
    const first = buffers.take();
    first[0] = 7;
    buffers.give(first.subarray(0, 10));
    const again = buffers.take();
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(1024);
    expect(again[0]).toBe(7);
  });

  it('keeps at most `keep` buffers, never the same one twice, nor a buffer it did not make', () => {
    const buffers = new PartBuffers(1024, 2);
    const [a, b, c] = [buffers.take(), buffers.take(), buffers.take()];
    buffers.give(a);
    buffers.give(a.subarray(5));
    buffers.give(Buffer.alloc(512));
    buffers.give(b);
    buffers.give(c);
    const taken = [buffers.take(), buffers.take(), buffers.take()].map((x) => x.buffer);
    expect(new Set(taken).size).toBe(3);
    expect(taken.filter((x) => x === a.buffer || x === b.buffer)).toHaveLength(2);
    expect(taken).not.toContain(c.buffer);
  });

  it('keeps nothing after clear()', () => {
    const buffers = new PartBuffers(1024, 2);
    const a = buffers.take();
    buffers.give(a);
    buffers.clear();
    expect(buffers.take().buffer).not.toBe(a.buffer);
  });
});
