import { entity, featureService, featureView, fileSource, onDemandFeature, sqlSource } from '../definitions';

/** Definitions over the random data: one SQL view (TTL 200 ms), one CSV view (no TTL), an on-demand ratio. */
export function customerFeatures(options: { table: string; csvPath: string; ttl: number }) {
  const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
  const stats = featureView({
    name: 'customer_stats',
    entities: [customer],
    source: sqlSource({ table: options.table, timestampColumn: 'ts' }),
    ttl: options.ttl,
    features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' },
  });
  const history = featureView({
    name: 'customer_history',
    entities: [customer],
    source: fileSource({ path: options.csvPath, format: 'csv', timestampColumn: 'ts' }),
    features: { spend: 'float', orders: 'int' },
  });
  const ratio = onDemandFeature({
    name: 'amount_ratio',
    inputs: { request: { amount: 'float' }, views: [stats] },
    outputs: { amount_over_spend: 'float', big_spender: 'bool' },
    fn: ({ amount, spend }) => ({ amount_over_spend: amount !== null && spend ? amount / spend : null, big_spender: spend === null ? null : spend > 50 }),
  });
  const training = featureService({ name: 'training', features: [stats, ratio] });
  const lifetime = featureService({ name: 'lifetime', features: [history.select('orders')] });
  return { customer, stats, history, ratio, training, lifetime };
}
