export interface ReleaseOptions {
  registry: string;
  dryRun: boolean;
  build: boolean;
}
export declare const usage: string;
export declare function parseArgs(argv: string[]): ReleaseOptions;
export declare function release(root: string, opts: ReleaseOptions, log?: (line: string) => void, env?: NodeJS.ProcessEnv): { published: string[]; skipped: string[]; order: string[] };
