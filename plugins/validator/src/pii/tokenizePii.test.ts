import { createHmac } from 'node:crypto';
import { tokenizePii } from './tokenizePii';

describe('tokenizePii', () => {
  it('is tok_ + hex HMAC-SHA256 of the value: deterministic, so joins on tokens still work', () => {
    const token = tokenizePii('k1', 'jane@example.com');
    expect(token).toBe(`tok_${createHmac('sha256', 'k1').update('jane@example.com').digest('hex')}`);
    expect(token).toMatch(/^tok_[0-9a-f]{64}$/);
    expect(tokenizePii('k1', 'jane@example.com')).toBe(token);
  });

  it('differs per key and per value', () => {
    expect(tokenizePii('k2', 'jane@example.com')).not.toBe(tokenizePii('k1', 'jane@example.com'));
    expect(tokenizePii('k1', 'john@example.com')).not.toBe(tokenizePii('k1', 'jane@example.com'));
  });
});
