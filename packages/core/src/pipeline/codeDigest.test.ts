import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { codeDigest } from './codeDigest';
import type { StepDefinition } from './step';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-code-'));
  writeFileSync(path.join(dir, 'steps.ts'), `import { helper } from './lib/helper';\nimport { z } from 'zod';\nexport const s = 1;\n`);
  require('node:fs').mkdirSync(path.join(dir, 'lib'));
  writeFileSync(path.join(dir, 'lib', 'helper.ts'), `export { deep } from './deep.js';\nexport const helper = (x: number) => x + 1;\n`);
  writeFileSync(path.join(dir, 'lib', 'deep.ts'), `export const deep = 1;\n`);
  writeFileSync(path.join(dir, 'unrelated.ts'), `export const u = 1;\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const stepIn = (file: string, run = () => ({})): StepDefinition => ({ kind: 'mlops.step', name: 's', cache: true, serializers: {}, sourceFile: file, uses: [], run });

describe('codeDigest', () => {
  it('changes when a transitively imported local helper changes, not when an unrelated file does', () => {
    const file = path.join(dir, 'steps.ts');
    const before = codeDigest(stepIn(file));
    expect(codeDigest(stepIn(file))).toBe(before);
    writeFileSync(path.join(dir, 'unrelated.ts'), `export const u = 2;\n`);
    expect(codeDigest(stepIn(file))).toBe(before);
    // `./deep.js` in a TS source means deep.ts: editing it must count.
    writeFileSync(path.join(dir, 'lib', 'deep.ts'), `export const deep = 2;   \n`);
    const afterDeep = codeDigest(stepIn(file));
    expect(afterDeep).not.toBe(before);
    writeFileSync(path.join(dir, 'lib', 'helper.ts'), `export { deep } from './deep.js';\nexport const helper = (x: number) => x + 22;\n`);
    expect(codeDigest(stepIn(file))).not.toBe(afterDeep);
  });

  it('changes with the step function itself', () => {
    const file = path.join(dir, 'steps.ts');
    expect(codeDigest(stepIn(file, () => ({ a: 1 })))).not.toBe(codeDigest(stepIn(file, () => ({ a: 2 }))));
  });
});
