import { createId } from './ids';

describe('createId', () => {
  it('sorts by time, and strictly increases within one millisecond', () => {
    const sameMs = Array.from({ length: 1000 }, () => createId(1_700_000_000_000));
    expect([...sameMs].sort()).toEqual(sameMs);
    expect(new Set(sameMs).size).toBe(1000);
    const later = createId(1_700_000_000_001);
    expect(later > sameMs[999]).toBe(true);
    expect(later).toMatch(/^[0-9a-hjkmnp-tv-z]{20}$/);
  });

  it('never goes back when the clock does', () => {
    const a = createId(1_800_000_000_000);
    const b = createId(1_799_999_999_000);
    expect(b > a).toBe(true);
  });
});
