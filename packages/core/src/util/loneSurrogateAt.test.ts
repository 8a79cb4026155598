import { describe, expect, it } from '@jest/globals';
import { loneSurrogateAt } from './loneSurrogateAt';

describe('loneSurrogateAt', () => {
  it('finds the first unpaired surrogate, high or low', () => {
    expect(loneSurrogateAt('\ud800')).toBe(0);
    expect(loneSurrogateAt('ab\udc00')).toBe(2);
    expect(loneSurrogateAt('🙂x\ud83d')).toBe(3);
    expect(loneSurrogateAt('\udc00\ud800')).toBe(0);
  });

  it('is -1 for well-formed strings, pairs included', () => {
    expect(['', 'abc', '🙂', 'é\u0000', '\ud83d\ude42'].map(loneSurrogateAt)).toEqual([-1, -1, -1, -1, -1]);
  });
});
