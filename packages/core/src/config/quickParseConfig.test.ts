import { memoryArtifactStore } from '@mlops/testkit';
import { pipeline } from '../pipeline/pipeline';
import { configSchema } from './configSchema';
import { quickParseConfig } from './quickParseConfig';

// The quick check may only accept what the schema accepts, and must return what the schema's parse
// returns; for everything else it says "in doubt" (undefined) and the schema words the error.
const train = pipeline({ name: 'train', build: () => undefined });
const serializer = { name: 'csv', canHandle: () => false, serialize: () => Buffer.alloc(0), deserialize: () => null };

const valid: [string, unknown][] = [
  ['empty', {}],
  ['the template', { project: 'demo', plugins: { tracker: '@mlops/tracker', modelRegistry: { use: '@mlops/model-registry', options: { gate: { metric: 'accuracy' } } }, server: { use: '@mlops/server' } }, pipelines: { train: () => train } }],
  ['every field', { project: 'p', stateDir: '.state', plugins: { artifactStore: memoryArtifactStore, orchestrator: false, tracker: undefined }, pipelines: { train, 'train-2': () => train }, serializers: [serializer], maxParallelSteps: 2, logLevel: 'warn', ui: { token: 's3cret' } }],
  ['a ui section without a token', { ui: {} }],
];

const invalid: [string, unknown][] = [
  ['not an object', 'mlops'],
  ['an array', []],
  ['an unknown field', { projet: 'typo' }],
  ['an empty project', { project: '' }],
  ['a number as stateDir', { stateDir: 3 }],
  ['an unknown slot', { plugins: { trackr: '@mlops/tracker' } }],
  ['an empty package name', { plugins: { tracker: '' } }],
  ['true for a slot', { plugins: { tracker: true } }],
  ['an unknown key beside use', { plugins: { tracker: { use: '@mlops/tracker', option: {} } } }],
  ['options that are not an object', { plugins: { tracker: { use: '@mlops/tracker', options: [1] } } }],
  ['use missing', { plugins: { tracker: { options: {} } } }],
  ['a bad pipeline name', { pipelines: { '1st': train } }],
  ['a pipeline that is neither', { pipelines: { train: { steps: [] } } }],
  ['a serializer without serialize', { serializers: [{ name: 'x' }] }],
  ['zero parallel steps', { maxParallelSteps: 0 }],
  ['fractional parallel steps', { maxParallelSteps: 1.5 }],
  ['infinite parallel steps', { maxParallelSteps: Infinity }],
  ['an unknown log level', { logLevel: 'verbose' }],
  ['a ui token that is not a string', { ui: { token: 42 } }],
  ['an unknown ui key', { ui: { tokn: 'x' } }],
  ['a ui section that is not an object', { ui: 'x' }],
];

describe('quickParseConfig', () => {
  it.each(valid)('accepts %s and returns what the schema parses', (_name, config) => {
    const quick = quickParseConfig(config);
    const parsed = configSchema.safeParse(config);
    expect(parsed.success).toBe(true);
    expect(quick).toEqual(parsed.data);
    expect(quick).not.toBe(config);
  });

  it.each(invalid)('leaves %s to the schema, which rejects it', (_name, config) => {
    expect(quickParseConfig(config)).toBeUndefined();
    expect(configSchema.safeParse(config).success).toBe(false);
  });
});
