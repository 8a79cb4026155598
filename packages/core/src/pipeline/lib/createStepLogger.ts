import type { Logger } from '../../util/logger';

/** A logger that keeps each line for the step run record and forwards it to a listener. */
export function createStepLogger(forward: (level: string, message: string) => void): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const text = fields && Object.keys(fields).length ? `${message} ${JSON.stringify(fields)}` : message;
    lines.push(`${new Date().toISOString()} ${level} ${text}`);
    forward(level, text);
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}
