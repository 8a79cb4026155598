import * as path from 'node:path';

// The frames to skip: this module and step()/pipeline() themselves, as source (.ts) or built (.js).
const ownFiles = new Set(['captureCallerFile', 'step', 'pipeline'].flatMap((n) => ['.ts', '.js'].map((ext) => path.join(__dirname, n + ext))));

/**
 * The source file of the first caller outside @mlops/core: where a step was defined. The step's
 * code digest covers that file and its local imports, so editing a helper invalidates the cache.
 */
export function captureCallerFile(): string | undefined {
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_err, frames) => frames;
    const frames = new Error().stack as unknown as NodeJS.CallSite[];
    for (const frame of frames) {
      let file = frame.getFileName();
      if (!file || file.startsWith('node:')) continue;
      if (file.startsWith('file://')) file = new URL(file).pathname;
      if (!path.isAbsolute(file) || ownFiles.has(file)) continue;
      return file;
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = original;
  }
}
