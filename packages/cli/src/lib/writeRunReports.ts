import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { NotFoundError, messages, tokens, type Runtime } from '@mlops/core';

export interface WrittenReport {
  step: string;
  artifactId: string | null;
  path: string;
}

async function atomicWrite(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

/**
 * Finds a run's HTML artifacts (contentType text/html) and the reports a failed step wrote to
 * `<stateDir>/reports/<runId>-<step>.html`, and writes them where asked (default: the reports folder).
 */
export async function writeRunReports(runtime: Runtime, ref: string, opts: { out?: string; step?: string }): Promise<WrittenReport[]> {
  const metadata = runtime.get(tokens.metadataStore);
  const store = runtime.get(tokens.artifactStore);
  const run = await metadata.getRun(ref);
  if (!run) throw new NotFoundError(messages.runNotFound(ref));
  const reportsDir = path.join(runtime.config.stateDir, 'reports');
  const found: { step: string; artifactId: string | null; read: () => Promise<Uint8Array> | string }[] = [];
  for (const s of await metadata.listStepRuns(run.id)) {
    if (opts.step && s.step !== opts.step) continue;
    for (const a of await metadata.artifactsOfStepRun(s.cachedFrom ?? s.id)) {
      if ((a.metadata as { contentType?: string } | null)?.contentType === 'text/html') found.push({ step: `${s.step}.${a.output}`, artifactId: a.id, read: () => store.get(a.digest) });
    }
  }
  if (existsSync(reportsDir)) {
    for (const f of (await readdir(reportsDir)).sort()) {
      const m = new RegExp(`^${run.id}-(.+)\\.html$`).exec(f);
      if (m && (!opts.step || m[1] === opts.step) && !found.some((x) => x.step.startsWith(`${m[1]}.`))) found.push({ step: m[1], artifactId: null, read: () => path.join(reportsDir, f) });
    }
  }
  if (!found.length) throw new NotFoundError(`run ${run.id} has no HTML reports${opts.step ? ` from step "${opts.step}"` : ''} (steps such as @mlops/validator's validateStep produce them)`);
  const several = found.length > 1;
  const written: WrittenReport[] = [];
  for (const r of found) {
    let target: string;
    if (opts.out && !several && opts.out.endsWith('.html')) target = path.resolve(opts.out);
    else target = path.join(opts.out ? path.resolve(opts.out) : reportsDir, `${run.id}-${r.step.replace(/[^\w.-]/g, '_')}.html`);
    const source = await r.read();
    if (typeof source === 'string') {
      if (path.resolve(source) !== target) {
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(source, target);
      }
    } else await atomicWrite(target, source);
    written.push({ step: r.step, artifactId: r.artifactId, path: target });
  }
  return written;
}
