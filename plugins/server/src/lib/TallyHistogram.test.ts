import { describe, expect, it } from '@jest/globals';
import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { TallyHistogram } from '@mlops/core';

const buckets = [0.0005, 0.001, 0.002, 0.005, 0.01];
const observed: [string, string, number][] = [
  ['/predict', '200', 0.0001],
  ['/predict', '200', 0.0005],
  ['/predict', '200', 0.0007],
  ['/predict', '200', 0.2],
  ['other', '404', 0.002],
];

describe('TallyHistogram', () => {
  it('exports the same text and cluster-aggregated text as a prom-client Histogram fed the same values', async () => {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ name: 'req_seconds', help: 'h', labelNames: ['route', 'status'], buckets, registers: [theirs] });
    const tally = new TallyHistogram({ name: 'req_seconds', help: 'h', labelNames: ['route', 'status'], buckets, registers: [ours] });
    new Histogram({ name: 'rows', help: 'rows', buckets: [1, 2, 4], registers: [theirs] });
    new TallyHistogram({ name: 'rows', help: 'rows', buckets: [1, 2, 4], registers: [ours] });
    for (const [route, status, v] of observed) {
      reference.observe({ route, status }, v);
      tally.labels({ route, status }).observe(v);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('req_seconds_bucket{le="0.001",route="/predict",status="200"} 3');
    const twice = async (r: Registry) => AggregatorRegistry.aggregate([await r.getMetricsAsJSON(), await r.getMetricsAsJSON()]).metrics();
    expect(await twice(ours)).toBe(await twice(theirs));
  });

  it('refuses a label it was not declared with', () => {
    const tally = new TallyHistogram({ name: 'x_seconds', help: 'h', labelNames: ['route'], buckets, registers: [new Registry()] });
    expect(() => tally.labels({ rout: '/predict' })).toThrow('x_seconds: unknown label "rout"');
  });
});
