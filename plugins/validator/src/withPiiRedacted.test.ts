import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRuntime, definePlugin, pipeline, resolveConfig, runPipeline, silentLogger, step, tokens, type Runtime } from '@mlops/core';
import { Frame, decodeFrame } from '@mlops/frame';
import { MemoryArtifactStore, MemoryMetadataStore } from '@mlops/testkit';
import { validatorPlugin } from './plugin';
import { piiKeyFingerprint } from './pii/piiKeyFingerprint';
import { defineSchema } from './schema/defineSchema';
import { validateStep } from './validateStep';
import { withPiiRedacted } from './withPiiRedacted';

// One artifact and one metadata store shared by every runtime of a test, as a project's stores are
// shared by successive `mlops run`s: what a run stored, and its cache, are there for the next one.
let artifacts: MemoryArtifactStore;
let metadata: MemoryMetadataStore;
let dir: string;
const keyEnv = `MLOPS_PII_KEY_TEST_${process.pid}`;
const runtimes: Runtime[] = [];

async function start(key: string): Promise<Runtime> {
  process.env[keyEnv] = key;
  const shared = {
    artifactStore: definePlugin({ name: 'shared-artifacts', provides: tokens.artifactStore, create: () => artifacts }),
    metadataStore: definePlugin({ name: 'shared-metadata', provides: tokens.metadataStore, create: () => metadata }),
  };
  const config = await resolveConfig({ plugins: { ...shared, validator: { use: validatorPlugin, options: { tokenKeyEnv: keyEnv, now: '2024-06-01T00:00:00Z' } } } }, path.join(dir, 'mlops.config.ts'), process.env);
  const runtime = await createRuntime(config, { logger: silentLogger });
  runtimes.push(runtime);
  return runtime;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-pii-'));
  artifacts = new MemoryArtifactStore();
  metadata = new MemoryMetadataStore();
});
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
  delete process.env[keyEnv];
  rmSync(dir, { recursive: true, force: true });
});

const emails = ['jane@example.com', 'bob@test.org', 'ann@example.com'];
const rows = emails.map((email, i) => ({ id: i + 1, email, note: `call me at ${email}` }));
const schema = defineSchema({
  name: 'signups',
  columns: { id: { dtype: 'int32' }, email: { dtype: 'category' }, note: { dtype: 'category' } },
  pii: { columns: ['email'], action: 'tokenize' },
});
const token = (key: string, value: string) => `tok_${createHmac('sha256', key).update(value).digest('hex')}`;

/** Every stored blob as text, frames decoded to their rows too (dictionary strings may be packed). */
async function everyStoredText(runtime: Runtime): Promise<string[]> {
  const texts: string[] = [];
  for (const record of await runtime.get(tokens.metadataStore).listArtifacts()) {
    const bytes = await artifacts.get(record.digest);
    texts.push(Buffer.from(bytes).toString('utf8'));
    if (record.serializer === 'frame') texts.push(JSON.stringify(decodeFrame(bytes).toRows()));
  }
  return texts;
}

describe('withPiiRedacted', () => {
  const ingest = withPiiRedacted(
    step({
      name: 'ingest',
      run: (_inputs, ctx) => {
        ctx.log.warn(`first row from ${rows[0]!.email}`, { row: rows[0] });
        return { dataset: Frame.fromRows(rows), sample: rows[1]!.email };
      },
    }),
    schema,
  );
  const signups = pipeline({
    name: 'signups',
    build: (p) => {
      const raw = p.add(ingest);
      p.add(validateStep(schema), { inputs: { dataset: raw.out.dataset } });
    },
  });

  it('keeps raw PII out of every stored artifact and log: the ingest output is already tokenized', async () => {
    const runtime = await start('key-one');
    const result = await runPipeline(runtime, signups);
    expect(result.run.status).toBe('succeeded');
    const texts = await everyStoredText(runtime);
    expect(texts.length).toBeGreaterThanOrEqual(6);
    for (const email of emails) for (const text of texts) expect(text).not.toContain(email);
    const logs = (await runtime.get(tokens.metadataStore).listStepRuns(result.run.id)).map((s) => s.logs).join('\n');
    for (const email of emails) expect(logs).not.toContain(email);
    expect(logs).toContain(`first row from ${token('key-one', 'jane@example.com')}`);

    // Redacted once, where it was read: the validate step keeps the tokens (no token of a token).
    const ingested = decodeFrame(await artifacts.get(result.outputs.ingest.dataset.digest)).toRows();
    const validated = decodeFrame(await artifacts.get(result.outputs.validate.dataset.digest)).toRows();
    expect(ingested.map((r) => r.email)).toEqual(emails.map((e) => token('key-one', e)));
    expect(validated.map((r) => r.email)).toEqual(ingested.map((r) => r.email));
    // Detected items inside free text are replaced too.
    expect(validated.map((r) => r.note)).toEqual(emails.map((e) => `call me at ${token('key-one', e)}`));
  });

  it('re-reads and re-tokenizes when the key is rotated, without --no-cache, and reuses the cache while it is not', async () => {
    const first = await runPipeline(await start('key-one'), signups);
    const same = await runPipeline(await start('key-one'), signups);
    expect(same.steps.map((s) => [s.step, s.status])).toEqual([['ingest', 'cached'], ['validate', 'cached']]);
    const rotated = await runPipeline(await start('key-two'), signups);
    expect(rotated.steps.map((s) => [s.step, s.status])).toEqual([['ingest', 'succeeded'], ['validate', 'succeeded']]);
    const tokens2 = decodeFrame(await artifacts.get(rotated.outputs.validate.dataset.digest)).toRows().map((r) => r.email);
    expect(tokens2).toEqual(emails.map((e) => token('key-two', e)));
    expect(rotated.outputs.validate.dataset.digest).not.toBe(first.outputs.validate.dataset.digest);
  });
});

describe('the validate step after a key rotation', () => {
  it('is not served from the cache of the old key', async () => {
    // A plain (unwrapped) source step: the validate step alone must notice the new key.
    const source = step({ name: 'source', run: () => ({ dataset: Frame.fromRows(rows) }) });
    const plain = pipeline({ name: 'plain', build: (p) => void p.add(validateStep(schema), { inputs: { dataset: p.add(source).out.dataset } }) });
    await runPipeline(await start('key-one'), plain);
    const rotated = await runPipeline(await start('key-two'), plain);
    expect(rotated.steps.map((s) => [s.step, s.status])).toEqual([['source', 'cached'], ['validate', 'succeeded']]);
    expect(decodeFrame(await artifacts.get(rotated.outputs.validate.dataset.digest)).toRows().map((r) => r.email)).toEqual(emails.map((e) => token('key-two', e)));
  });
});

describe('piiKeyFingerprint', () => {
  it('identifies a key without revealing it', () => {
    const fp = piiKeyFingerprint('s3cret-key');
    expect(fp).toMatch(/^hmac-sha256:[0-9a-f]{16}$/);
    expect(fp).toBe(piiKeyFingerprint('s3cret-key'));
    expect(fp).not.toBe(piiKeyFingerprint('s3cret-key2'));
    expect(fp).not.toContain('s3cret');
    expect(piiKeyFingerprint(undefined)).toBeNull();
    expect(piiKeyFingerprint('')).toBeNull();
  });
});
