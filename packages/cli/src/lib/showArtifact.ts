import { NotFoundError, SerializerRegistry, messages, tokens, type Runtime } from '@mlops/core';
import { isFrame } from '@mlops/frame';
import { color, formatBytes, formatTime, printJson, table } from './format';

/** Prints an artifact's record, where it came from (run, step, inputs) and a preview of its value. */
export async function showArtifact(runtime: Runtime, ref: string, opts: { rows: number; json?: boolean }): Promise<void> {
  const metadata = runtime.get(tokens.metadataStore);
  const store = runtime.get(tokens.artifactStore);
  const artifact = await metadata.getArtifact(ref);
  if (!artifact) throw new NotFoundError(messages.artifactNotFound(ref));
  const inputs = await metadata.inputsOfStepRun(artifact.stepRunId);
  const inputArtifacts = await Promise.all(inputs.map(async (i) => ({ input: i.name, artifact: await metadata.getArtifact(i.artifactId) })));
  const blob = await store.stat(artifact.digest);
  const serializer = new SerializerRegistry(runtime.config.serializers).byName(artifact.serializer);
  const value = blob ? await serializer.deserialize(await store.get(artifact.digest)) : undefined;
  if (opts.json) {
    return printJson({ artifact, uri: blob?.uri ?? null, lineage: { runId: artifact.runId, stepRunId: artifact.stepRunId, inputs: inputArtifacts.map((i) => ({ input: i.input, id: i.artifact?.id, name: i.artifact?.name, version: i.artifact?.version })) }, preview: isFrame(value) ? value.toRows(opts.rows) : value instanceof Uint8Array ? null : value });
  }
  const out = [
    `${color.bold(artifact.name)} v${artifact.version}  ${artifact.id}`,
    `digest   ${artifact.digest}`,
    `type     ${artifact.serializer}  ${formatBytes(artifact.size)}  ${blob ? blob.uri : color.red('(blob missing from the artifact store)')}`,
    `created  ${formatTime(artifact.createdAt)} by run ${artifact.runId} (step run ${artifact.stepRunId})`,
  ];
  if (inputArtifacts.length) out.push(`inputs   ${inputArtifacts.map((i) => `${i.input} ← ${i.artifact ? `${i.artifact.name} v${i.artifact.version} (${i.artifact.id})` : '?'}`).join(', ')}`);
  const meta = artifact.metadata as Record<string, unknown> | null;
  if (meta?.datasetDigest) out.push(`dataset  ${meta.datasetDigest}`);
  if (isFrame(value)) {
    out.push('', `${value.rowCount} rows × ${value.names.length} columns`);
    out.push(table(['COLUMN', 'DTYPE', 'NULLABLE'], value.schema().map((c) => [c.name, c.dtype, String(c.nullable)])));
    const rows = value.toRows(opts.rows);
    const names = value.names.slice(0, 8);
    out.push('', table(names, rows.map((r) => names.map((n) => formatCell(r[n])))) + (value.names.length > 8 ? color.dim(`\n(${value.names.length - 8} more columns)`) : ''));
  } else if (value instanceof Uint8Array) {
    out.push('', color.dim(`${value.byteLength} bytes`));
  } else if (value !== undefined) {
    const text = JSON.stringify(value, null, 2);
    out.push('', text.length > 4000 ? `${text.slice(0, 4000)}\n${color.dim('(truncated)')}` : text);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return color.dim('null');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '');
  if (v instanceof Date) return v.toISOString();
  return String(v);
}
