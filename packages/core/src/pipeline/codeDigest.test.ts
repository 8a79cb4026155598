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

const stepIn = (file: string, run: StepDefinition['run'] = () => ({})): StepDefinition => ({ kind: 'mlops.step', name: 's', cache: true, serializers: {}, sourceFile: file, uses: [], run });

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

  describe('cached per step definition', () => {
    const pkgJson = () => path.join(dir, 'node_modules', 'zod', 'package.json');
    beforeEach(() => {
      require('node:fs').mkdirSync(path.dirname(pkgJson()), { recursive: true });
      writeFileSync(pkgJson(), JSON.stringify({ name: 'zod', version: '3.0.0' }));
    });

    it('reads no file again while nothing changed', () => {
      const step = stepIn(path.join(dir, 'steps.ts'));
      const first = codeDigest(step);
      const fs = require('node:fs') as typeof import('node:fs');
      const read = jest.spyOn(fs, 'readFileSync');
      try {
        expect(codeDigest(step)).toBe(first);
        expect(read).not.toHaveBeenCalled();
      } finally {
        read.mockRestore();
      }
    });

    it('recomputes when an imported local file, a package version or the step function changes', () => {
      const step = stepIn(path.join(dir, 'steps.ts'));
      const digests = [codeDigest(step)];
      writeFileSync(path.join(dir, 'lib', 'deep.ts'), `export const deep = 22;\n`);
      digests.push(codeDigest(step));
      writeFileSync(pkgJson(), JSON.stringify({ name: 'zod', version: '3.0.1' }));
      digests.push(codeDigest(step));
      (step as { run: StepDefinition['run'] }).run = () => ({ changed: true });
      digests.push(codeDigest(step));
      expect(new Set(digests).size).toBe(4);
      // Each is what a fresh definition of the same code on the same files gets.
      expect(codeDigest(stepIn(path.join(dir, 'steps.ts'), step.run))).toBe(digests[3]);
    });

    it('recomputes when an imported file is deleted', () => {
      const step = stepIn(path.join(dir, 'steps.ts'));
      const before = codeDigest(step);
      rmSync(path.join(dir, 'lib', 'deep.ts'));
      const after = codeDigest(step);
      expect(after).not.toBe(before);
      expect(codeDigest(stepIn(path.join(dir, 'steps.ts'), step.run))).toBe(after);
    });
  });
});
