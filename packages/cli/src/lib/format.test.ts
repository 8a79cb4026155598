import { uniquePrefixLength } from './format';

describe('uniquePrefixLength', () => {
  it('is the minimum when prefixes of that length already differ', () => {
    expect(uniquePrefixLength(['01m8wg43hyfme91pymx9', '01m8wg44aaaaaaaaaaaa'], 12)).toBe(12);
    expect(uniquePrefixLength([], 12)).toBe(0);
  });

  it('grows until ids made in the same millisecond differ, never past the longest id', () => {
    // Same time part and counter prefix: they first differ at character 20.
    expect(uniquePrefixLength(['01m8wgfknf41eve789v7', '01m8wgfknf41eve789v8', '01m8wgfzzz0000000000'], 12)).toBe(20);
    expect(uniquePrefixLength(['01m8wgfknf41eve789v7', '01m8wgfknf41eve789v7'], 12)).toBe(12);
    expect(uniquePrefixLength(['abcdefgh1', 'abcdefgh2'], 8)).toBe(9);
  });
});
