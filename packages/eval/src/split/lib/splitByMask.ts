import type { Split } from '../Split';

/** Ascending train and test indices from a per-row mask (1 = test). */
export function splitByMask(isTest: Uint8Array): Split {
  let nTest = 0;
  for (let i = 0; i < isTest.length; i++) nTest += isTest[i]!;
  const train = new Int32Array(isTest.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}
