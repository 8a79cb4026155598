import { describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlops/core';
import { blobKey, digestOfKey, normalisePrefix } from './blobKey';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('blobKey', () => {
  it('puts blobs under <prefix>sha256/<2 hex>/<62 hex> and reads the digest back', () => {
    expect(normalisePrefix('team/art//')).toBe('team/art/');
    expect(normalisePrefix('')).toBe('');
    const key = blobKey('team/art/', digest);
    expect(key).toBe(`team/art/sha256/ab/${'ab'.repeat(31)}`);
    expect(digestOfKey('team/art/', key)).toBe(digest);
    expect(digestOfKey('other/', key)).toBeUndefined();
    expect(blobKey('', digest)).toBe(`sha256/ab/${'ab'.repeat(31)}`);
  });

  it('rejects anything but a lowercase sha256 digest as not found', () => {
    for (const bad of ['sha256:../../etc', digest.toUpperCase(), `${digest}/x`, 'md5:00']) {
      expect(() => blobKey('p/', bad)).toThrow(expect.objectContaining({ code: errorCodes.artifactNotFound }));
    }
  });
});
