import * as core from './index';
import { runPipeline } from './pipeline/runPipeline';
import { renderMetricFamilies } from './metrics/renderMetricFamilies';

describe('lazy exports of the index', () => {
  it('keep the names of what they stand for and forward calls and errors to it', async () => {
    expect(core.runPipeline.name).toBe(runPipeline.name);
    const families = [{ name: 'mlops_x_total', help: 'x', type: 'counter' as const, samples: [{ labels: { a: 'b"c' }, value: 2 }] }];
    expect(core.renderMetricFamilies(families)).toEqual(renderMetricFamilies(families));
    expect(core.escapeLabelValue('a"b\n')).toBe('a\\"b\\n');
    const config = { file: '/p/mlops.config.ts', pipelines: {} };
    await expect(core.loadPipeline(config, 'nope')).rejects.toThrow(/nope/);
  });
});
