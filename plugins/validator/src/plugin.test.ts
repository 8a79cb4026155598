import { isPlugin, pluginsInModule, resolveConfig, tokens } from '@mlops/core';
import { Frame } from '@mlops/frame';
import { createTestContext, memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import * as path from 'node:path';
import * as mod from './index';
import plugins, { validatorPlugin, type FrameValidator } from './index';

describe('validatorPlugin', () => {
  it('provides tokens.validator and is the default export', () => {
    expect(isPlugin(validatorPlugin)).toBe(true);
    expect(validatorPlugin.provides).toBe(tokens.validator);
    expect(plugins).toEqual([validatorPlugin]);
    // What the runtime sees when the config names the package: exactly one validator plugin.
    expect([...new Set(pluginsInModule(mod as unknown as Record<string, unknown>))].map((p) => p.provides.id)).toEqual([tokens.validator.id]);
  });

  it('fills option defaults and rejects bad options', () => {
    expect(createTestContext(validatorPlugin).options).toEqual({ tokenKeyEnv: 'MLOPS_PII_KEY', defaultSeverity: 'error', maxExamples: 5, profile: { histogramBins: 20, topK: 50 } });
    expect(createTestContext(validatorPlugin, { now: '2024-01-01T00:00:00Z' }).options.now).toBe(Date.UTC(2024, 0, 1));
    expect(() => createTestContext(validatorPlugin, { tokenKeyEnv: 'not a name' })).toThrow('an environment variable name');
    expect(() => createTestContext(validatorPlugin, { defaultSeverity: 'fatal' })).toThrow('Invalid option: expected one of \\"error\\"|\\"warn\\"');
    expect(() => createTestContext(validatorPlugin, { maxExample: 3 })).toThrow('Unrecognized key: \\"maxExample\\"');
  });

  it('names the field, what was expected and what was found for bad options in the config file', async () => {
    const configMessage = async (options: unknown) => ((await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, validator: { use: validatorPlugin, options } } }, path.join(process.cwd(), 'mlops.config.ts'), {}).catch((e: unknown) => e)) as Error).message;
    expect(await configMessage({ defaultSeverity: 'fatal' })).toBe('mlops.config.ts: plugins.validator.options.defaultSeverity: expected one of "error", "warn", received "fatal"');
    expect(await configMessage({ maxExample: 3 })).toBe('mlops.config.ts: plugins.validator.options.maxExample: expected no field "maxExample" (did you mean "maxExamples"?), received 3');
  });

  it('creates a validator that honours its options and reports into <stateDir>/reports', async () => {
    const ctx = createTestContext(validatorPlugin, { maxExamples: 1, defaultSeverity: 'warn', now: 0 }, { projectRoot: '/p', stateDir: '/p/state' });
    // create() is typed by the token (Validator); this plugin's service is a FrameValidator.
    const validator = (await validatorPlugin.create(ctx)) as FrameValidator;
    expect(validator.reportsDir).toBe(path.join('/p/state', 'reports'));
    const frame = Frame.fromRows([{ x: -1 }, { x: -2 }, { x: 1 }]);
    const outcome = await validator.validate(frame, { columns: { x: { dtype: 'int32', range: { min: 0 } } } });
    expect(outcome.passed).toBe(true);
    const range = outcome.validation.checks.find((e) => e.check === 'range')!;
    expect(range).toMatchObject({ severity: 'warn', status: 'warn', badCount: 2, examples: [{ row: 0, value: -1 }] });
    expect(outcome.validation.checkedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it('reads the tokenization key from the environment variable named in the options', async () => {
    const schema = { columns: { email: { dtype: 'category' } }, pii: { columns: ['email'], action: 'tokenize' } };
    const frame = Frame.fromRows([{ email: 'a@b.com' }]);
    const validator = await validatorPlugin.create(createTestContext(validatorPlugin, { tokenKeyEnv: 'VALIDATOR_TEST_KEY' }));
    delete process.env.VALIDATOR_TEST_KEY;
    await expect(validator.validate(frame, schema)).rejects.toThrow('environment variable VALIDATOR_TEST_KEY is not set');
    process.env.VALIDATOR_TEST_KEY = 'secret';
    try {
      const outcome = await validator.validate(frame, schema);
      expect(outcome.frame.toRows()[0].email).toMatch(/^tok_[0-9a-f]{64}$/);
    } finally {
      delete process.env.VALIDATOR_TEST_KEY;
    }
  });
});
