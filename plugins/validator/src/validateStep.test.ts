import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRuntime, pipeline, resolveConfig, runPipeline, silentLogger, step, tokens, type Runtime } from '@mlops/core';
import { Frame, decodeFrame } from '@mlops/frame';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { SchemaError } from './errors';
import { validatorPlugin } from './plugin';
import { defineSchema } from './schema/defineSchema';
import { validateStep } from './validateStep';

let dir: string;
let runtime: Runtime;

async function start(options: Record<string, unknown> = {}) {
  const file = path.join(dir, 'mlops.config.ts');
  const config = await resolveConfig(
    { plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, validator: { use: validatorPlugin, options: { now: '2024-06-01T00:00:00Z', ...options } } } },
    file,
    {},
  );
  runtime = await createRuntime(config, { logger: silentLogger });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-validator-'));
});
afterEach(async () => {
  await runtime?.close();
  rmSync(dir, { recursive: true, force: true });
});

let rows: Record<string, unknown>[] = [];
const ingest = step({ name: 'ingest', cache: false, run: () => ({ dataset: Frame.fromRows(rows) }) });
const count = step({ name: 'count', run: ({ dataset }: { dataset: Frame }) => ({ rows: dataset.rowCount, emails: dataset.toRows().map((r) => r.email) }) });

const schema = defineSchema({
  name: 'signups',
  columns: {
    id: { dtype: 'int32', unique: true },
    email: { dtype: 'category' },
    age: { dtype: 'float64', range: { min: 0, max: 120 }, missing: { strategy: 'median' } },
    ts: { dtype: 'timestamp' },
  },
  key: 'id',
  timestamp: 'ts',
  pii: { columns: ['email'] },
});

const signups = pipeline({
  name: 'signups',
  build: (p) => {
    const raw = p.add(ingest);
    const checked = p.add(validateStep(schema), { inputs: { dataset: raw.out.dataset } });
    p.add(count, { inputs: { dataset: checked.out.dataset } });
  },
});

const good = [
  { id: 1, email: 'jane@example.com', age: 30, ts: new Date('2024-01-01T00:00:00Z') },
  { id: 2, email: 'bob@test.org', age: null, ts: new Date('2024-01-02T00:00:00Z') },
  { id: 3, email: 'ann@example.com', age: 50, ts: new Date('2024-01-03T00:00:00Z') },
];

async function readArtifact(digest: string): Promise<Uint8Array> {
  return runtime.get(tokens.artifactStore).get(digest);
}

describe('validateStep in a pipeline', () => {
  it('stores the repaired dataset, the JSON and HTML reports, the baseline and the fitted fills', async () => {
    await start();
    rows = good;
    const result = await runPipeline(runtime, signups);
    expect(result.run.status).toBe('succeeded');
    const out = result.outputs.validate;
    expect(Object.keys(out).sort()).toEqual(['baseline', 'dataset', 'fittedFills', 'report', 'reportHtml']);
    expect(out.reportHtml.metadata).toMatchObject({ contentType: 'text/html', title: 'Validation report: signups' });
    expect(out.dataset.serializer).toBe('frame');

    const frame = decodeFrame(await readArtifact(out.dataset.digest));
    expect(frame.toRows().map((r) => [r.email, r.age])).toEqual([['***@example.com', 30], ['***@test.org', 40], ['***@example.com', 50]]);
    const report = JSON.parse(Buffer.from(await readArtifact(out.report.digest)).toString());
    expect(report).toMatchObject({ dataset: 'signups', passed: true, checkedAt: '2024-06-01T00:00:00.000Z', fills: { age: { strategy: 'median', value: 40 } } });
    const baseline = JSON.parse(Buffer.from(await readArtifact(out.baseline.digest)).toString());
    expect(baseline.datasetDigest).toBe((out.dataset.metadata as { datasetDigest: string }).datasetDigest);
    expect(baseline.columns.age).toMatchObject({ kind: 'numeric', mean: 40 });
    expect(JSON.parse(Buffer.from(await readArtifact(out.fittedFills.digest)).toString())).toEqual({ version: 1, dataset: 'signups', fills: { age: { strategy: 'median', dtype: 'float64', value: 40 } } });
    const page = Buffer.from(await readArtifact(out.reportHtml.digest)).toString();
    expect(page).toContain('<title>Validation report: signups</title>');
    expect(page).not.toContain('jane@');

    // The next step receives the repaired, masked frame.
    const counted = JSON.parse(Buffer.from(await readArtifact(result.outputs.count.emails.digest)).toString());
    expect(counted).toEqual(['***@example.com', '***@test.org', '***@example.com']);
    const steps = await runtime.get(tokens.metadataStore).listStepRuns(result.run.id);
    expect(steps.find((s) => s.step === 'validate')!.logs).toContain('missing age: column "age": filled 1 missing value with the median 40');
    expect(steps.find((s) => s.step === 'validate')!.params).toEqual({ schema: expect.stringMatching(/^signups@sha256:[0-9a-f]{64}$/) });
  });

  it('fails the run with every failing check named, and writes the report to <stateDir>/reports first', async () => {
    await start();
    rows = [
      ...good,
      { id: 3, email: 'eve@evil.com', age: -5, ts: new Date('2025-01-01T00:00:00Z') },
      { id: 5, email: 'zed@example.com', age: 300, ts: new Date('2024-01-05T00:00:00Z') },
    ];
    const result = await runPipeline(runtime, signups);
    expect(result.run.status).toBe('failed');
    const message = result.error!.message;
    expect(message.replaceAll(dir, '<dir>').replaceAll(result.run.id, '<run>')).toMatchInlineSnapshot(`
"step "validate" failed: validation failed in step "validate": 5 checks failed
  - column "id", check unique: 1 bad row: 1 value of "id" repeats an earlier row (the column should be unique) (e.g. row 3 = 3)
  - column "age", check range: 2 bad rows: 2 values of "age" outside [0, 120] (e.g. row 3 = -5, row 4 = 300)
  - column "ts", check temporalOrder: 1 bad row: 1 row earlier than a previous row in "ts" (not in time order) (e.g. row 4 = "2024-01-05T00:00:00.000Z")
  - column "ts", check futureTimestamp: 1 bad row: 1 timestamp in "ts" after now (2024-06-01T00:00:00.000Z) (e.g. row 3 = "2025-01-01T00:00:00.000Z")
  - column "id", check duplicateKeys: 1 bad row: 1 row repeats a key (id), 1 with other values (e.g. row 3 = {"id":3})
full report: <dir>/.mlops/reports/<run>-validate.html and <dir>/.mlops/reports/<run>-validate.json"
`);
    expect(result.error).toMatchObject({ code: 'E_STEP_FAILED', cause: { code: 'E_VALIDATION_FAILED', step: 'validate' } });
    const reports = path.join(dir, '.mlops', 'reports');
    expect(readdirSync(reports).sort()).toEqual([`${result.run.id}-validate.html`, `${result.run.id}-validate.json`]);
    const json = JSON.parse(readFileSync(path.join(reports, `${result.run.id}-validate.json`), 'utf8'));
    expect(json.passed).toBe(false);
    expect(json.checks.slice(0, 4).map((e: { status: string }) => e.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
    const page = readFileSync(path.join(reports, `${result.run.id}-validate.html`), 'utf8');
    expect(page).toContain('failed</span>');
    expect(page + JSON.stringify(json) + message).not.toContain('eve@');
    const steps = await runtime.get(tokens.metadataStore).listStepRuns(result.run.id);
    const validate = steps.find((s) => s.step === 'validate')!;
    expect(validate.status).toBe('failed');
    expect(validate.logs).toContain(`validation failed; report written to ${path.join(reports, `${result.run.id}-validate.html`)}`);
    expect(validate.logs).toContain('"examples":[{"row":3,"value":-5},{"row":4,"value":300}]');
    expect(steps.find((s) => s.step === 'count')).toBeUndefined();
  });

  it('fails the step with a clear error when tokenization has no key', async () => {
    await start({ tokenKeyEnv: 'VALIDATOR_E2E_KEY_UNSET' });
    rows = good;
    const tokenized = pipeline({
      name: 'tok',
      build: (p) => void p.add(validateStep({ ...schema, pii: { columns: ['email'], action: 'tokenize' } }), { inputs: { dataset: p.add(ingest).out.dataset } }),
    });
    const result = await runPipeline(runtime, tokenized);
    expect(result.error!.message).toContain('environment variable VALIDATOR_E2E_KEY_UNSET is not set');
  });

  it('reuses the cached validation for the same data and schema, and re-runs when the schema changes', async () => {
    await start();
    rows = good;
    const first = await runPipeline(runtime, signups);
    const again = await runPipeline(runtime, signups);
    expect(again.steps.find((s) => s.step === 'validate')!.status).toBe('cached');
    expect(again.outputs.validate.report.id).toBe(first.outputs.validate.report.id);
    const stricter = pipeline({
      name: 'signups',
      build: (p) => void p.add(validateStep({ ...schema, columns: { ...schema.columns, age: { dtype: 'float64', range: { min: 40 } } } }), { inputs: { dataset: p.add(ingest).out.dataset } }),
    });
    const third = await runPipeline(runtime, stricter);
    expect(third.steps.find((s) => s.step === 'validate')!.status).toBe('failed');
  });

  it('refuses an invalid schema when the step is defined, and takes a custom name', () => {
    expect(() => validateStep({ columns: { x: { dtype: 'text' } } })).toThrow(SchemaError);
    expect(validateStep(schema, { name: 'check-signups' }).name).toBe('check-signups');
  });
});
