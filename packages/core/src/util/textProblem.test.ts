import { describe, expect, it } from '@jest/globals';
import { textProblem } from './textProblem';

describe('textProblem', () => {
  it('names the first NUL or lone surrogate and where it is', () => {
    expect(textProblem('a\u0000b')).toBe('a NUL character (U+0000) at index 1');
    expect(textProblem('\u0000')).toBe('a NUL character (U+0000) at index 0');
    expect(textProblem('ab\udc00')).toBe('a lone UTF-16 surrogate at index 2');
    expect(textProblem('\ud800\u0000')).toBe('a lone UTF-16 surrogate at index 0');
    expect(textProblem('x\u0000\ud800')).toBe('a NUL character (U+0000) at index 1');
  });

  it('accepts every other text, control characters and surrogate pairs included', () => {
    expect(['', 'abc', '🙂', '\ud83d\ude42', 'é\u0001\u007f\n', '%00', '\\u0000', 'x'.repeat(10_000)].map(textProblem)).toEqual(Array(8).fill(undefined));
  });
});
