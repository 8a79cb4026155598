import { editDistance, suggest } from './suggest';

describe('suggest', () => {
  it('prefers a candidate the word is a prefix of, then the nearest by edits', () => {
    expect(suggest('ttl', ['url', 'ttlSeconds'])).toBe('ttlSeconds');
    expect(suggest('pipline', ['pipelines', 'plugins', 'project'])).toBe('pipelines');
    expect(suggest('@mlops/storage-locl', ['@mlops/storage-local', '@mlops/storage-postgres'])).toBe('@mlops/storage-local');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggest('zzzz', ['pipelines', 'plugins'])).toBeUndefined();
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
