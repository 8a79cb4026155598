import type { Command } from 'commander';

/** Options every command accepts (declared once on the program). */
export interface GlobalOptions {
  config?: string;
  cwd?: string;
  json?: boolean;
  verbose?: boolean;
}

export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}
