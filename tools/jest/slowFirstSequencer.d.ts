/** The subset of jest's `Test` the sequencer reads; the test builds these by hand. */
export interface SequencedTest {
  path: string;
  duration?: number;
  context: { config: { cache: boolean; cacheDirectory: string; id: string; rootDir: string; haste: object }; hasteFS: { getSize(path: string): number | null } };
}
export interface SuiteResult {
  testFilePath: string;
  numFailingTests: number;
  skipped: boolean;
  perfStats: { runtime: number; start: number; end: number };
}
declare class SlowFirstSequencer {
  constructor(options?: unknown);
  time(test: SequencedTest): number | undefined;
  sort(tests: SequencedTest[]): SequencedTest[];
  cacheResults(tests: SequencedTest[], results: { testResults: SuiteResult[] }): void;
  static knownSeconds: Record<string, number>;
}
export = SlowFirstSequencer;
