import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import SlowFirstSequencer = require('./slowFirstSequencer');
import type { SequencedTest } from './slowFirstSequencer';

// The order a clean-clone CI run starts its suites in, and that jest's own cache still wins locally.
const root = path.resolve(__dirname, '../..');
const known = Object.entries(SlowFirstSequencer.knownSeconds);
let cacheDirectory: string;

beforeAll(() => {
  cacheDirectory = mkdtempSync(path.join(tmpdir(), 'mlops-sequencer-'));
});
afterAll(() => rmSync(cacheDirectory, { recursive: true, force: true }));

/** Suites of one project; `cache: false` is a machine that never ran jest, like a fresh CI box. */
function suites(files: Record<string, number>, cache: boolean): SequencedTest[] {
  const sizes = new Map(Object.entries(files).map(([f, size]) => [path.join(root, f), size]));
  const context = { config: { cache, cacheDirectory, id: `sequencer-${cache}`, rootDir: root, haste: {} }, hasteFS: { getSize: (p: string) => sizes.get(p) ?? null } };
  return [...sizes.keys()].map((p) => ({ path: p, context }));
}
const names = (tests: SequencedTest[]) => tests.map((t) => path.relative(root, t.path));

describe('slowFirstSequencer', () => {
  it('lists only suites that exist, with a positive number of seconds', () => {
    expect(known.length).toBeGreaterThanOrEqual(3);
    for (const [file, seconds] of known) {
      expect({ file, exists: existsSync(path.join(root, file)), test: file.endsWith('.test.ts') }).toEqual({ file, exists: true, test: true });
      expect(seconds).toBeGreaterThan(0);
    }
  });

  it('on a clean clone starts the known slow suites first, slowest first, then the rest biggest file first', () => {
    const slowest = [...known].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    const files = { 'packages/x/src/small.test.ts': 100, ...Object.fromEntries(known.map(([f]) => [f, 1])), 'packages/x/src/big.test.ts': 9000 };
    expect(names(new SlowFirstSequencer().sort(suites(files, false)))).toEqual([...slowest, 'packages/x/src/big.test.ts', 'packages/x/src/small.test.ts']);
  });

  it("prefers jest's cached times and puts last run's failures first", () => {
    const [slowestKnown] = [...known].sort((a, b) => b[1] - a[1])[0]!;
    const tests = suites({ [slowestKnown]: 1, 'packages/x/src/a.test.ts': 1, 'packages/x/src/b.test.ts': 1, 'packages/x/src/c.test.ts': 1 }, true);
    const result = (test: SequencedTest, ms: number, failing = 0) => ({ testFilePath: test.path, numFailingTests: failing, skipped: false, perfStats: { runtime: ms, start: 0, end: ms } });
    // a took 10 minutes last time (more than any known suite), c failed, b has no time yet.
    new SlowFirstSequencer().cacheResults(tests, { testResults: [result(tests[0]!, 1000), result(tests[1]!, 600_000), result(tests[3]!, 5, 1)] });
    expect(names(new SlowFirstSequencer().sort(suites({ [slowestKnown]: 1, 'packages/x/src/a.test.ts': 1, 'packages/x/src/b.test.ts': 1, 'packages/x/src/c.test.ts': 1 }, true)))).toEqual([
      'packages/x/src/c.test.ts',
      'packages/x/src/a.test.ts',
      slowestKnown,
      'packages/x/src/b.test.ts',
    ]);
  });
});
