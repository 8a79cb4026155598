import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isUriEntry, uriIdentity } from './uriReads';
import { errorCodes } from '../../errors/codes';
import { messages } from '../../errors/messages';
import { MlopsError } from '../../errors/MlopsError';
import type { PlannedStep } from '../pipeline';

/** The top-level params whose value is exactly `entry` (how a user finds what to change). */
function paramsNaming(params: unknown, entry: string): string[] {
  if (typeof params !== 'object' || params === null) return [];
  return Object.entries(params).filter(([, v]) => v === entry).map(([k]) => k);
}

/**
 * Checks, before a run is recorded, that every file a step declares in `reads` exists. A missing
 * data file is the user's input being wrong: one line naming the step, the `reads` entry, the step
 * param (and pipeline param) it came from and the path looked at, instead of a failed run and a raw
 * ENOENT from inside the step.
 */
export async function checkReads(plan: PlannedStep[], stepParams: Map<string, unknown>, pipelineParams: unknown, projectRoot: string): Promise<void> {
  const lines: string[] = [];
  for (const p of plan) {
    if (!p.step.reads) continue;
    for (const entry of p.step.reads(stepParams.get(p.id))) {
      if (isUriEntry(entry)) {
        // The handler's error names the URI and why (unknown scheme, no such object, access denied).
        const problem = await uriIdentity(entry).then(() => undefined, (e: Error) => e.message);
        if (problem) lines.push(`step "${p.id}" reads ${problem}`);
        continue;
      }
      const file = path.resolve(projectRoot, entry);
      if (await stat(file).then(() => true, () => false)) continue;
      const stepParam = paramsNaming(stepParams.get(p.id), entry).map((k) => `param ${k}`);
      const pipelineParam = paramsNaming(pipelineParams, entry).map((k) => `pipeline param ${k}`);
      const source = [...stepParam, ...pipelineParam].join(', from ') || 'its reads entry';
      lines.push(messages.missingReadFile(p.id, entry, source, file));
    }
  }
  if (lines.length) throw new MlopsError(errorCodes.notFound, lines.join('\n'), { badInput: true });
}

/**
 * A step that failed because a file it opened does not exist: the reason reduced to the path (the
 * raw `ENOENT: no such file or directory, stat '…'` says the same less clearly). Other errors pass.
 */
export function explainMissingFile(err: unknown): unknown {
  const e = err as { code?: unknown; path?: unknown };
  if (!(err instanceof Error) || e.code !== 'ENOENT' || typeof e.path !== 'string') return err;
  return Object.assign(new Error(messages.fileNotFound(e.path), { cause: err }), { code: 'ENOENT', path: e.path });
}
