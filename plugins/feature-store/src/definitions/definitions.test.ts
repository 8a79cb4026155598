import { describe, expect, it } from '@jest/globals';
import { FeatureDefinitionError } from '../errors';
import { collectDefinitions } from './collectDefinitions';
import { entity } from './entity';
import { featureService } from './featureService';
import { featureView } from './featureView';
import { onDemandFeature } from './onDemandFeature';
import { fileSource, sqlSource } from './sources';

const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
const source = sqlSource({ table: 'events', timestampColumn: 'ts' });
const stats = featureView({ name: 'stats', entities: [customer], source, ttl: '2h', features: { spend: 'float', orders: 'int' } });

describe('definitions', () => {
  it('build frozen objects with parsed TTLs', () => {
    expect(stats.ttlMs).toBe(7_200_000);
    expect(featureView({ name: 'v', entities: [customer], source, features: { a: 'bool' } }).ttlMs).toBeNull();
    expect(Object.isFrozen(stats)).toBe(true);
    expect(stats.select('spend')).toMatchObject({ kind: 'featureSelection', features: ['spend'] });
  });

  it('reject bad input with a line per problem naming the object and field', () => {
    expect(() => entity({ name: 'customer', joinKeys: [] })).toThrow('entity "customer": joinKeys: expected at least one join key, received []');
    expect(() => sqlSource({ table: 't', query: 'select 1', timestampColumn: 'ts' })).toThrow('sqlSource "?": (definition): expected exactly one of table or query');
    expect(() => fileSource({ path: 'a.csv', format: 'xlsx' as never, timestampColumn: 'ts' })).toThrow(/fileSource "\?": format: .*received "xlsx"/);
    let error: unknown;
    try {
      featureView({ name: 'bad view', entities: [], source, ttl: 'soon', features: { x: 'double' as never } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeatureDefinitionError);
    expect((error as Error).message.split('\n')).toEqual([
      'featureView "bad view": name: expected an identifier (a letter or _, then letters, digits or _), received "bad view"',
      'featureView "bad view": entities: expected at least one entity, received []',
      'featureView "bad view": ttl: expected a duration (ms, or like "90s", "15m", "2h", "7d") or null, received "soon"',
      'featureView "bad view": features.x: expected one of float, int, string, bool, received "double"',
    ]);
    expect(() => featureView({ name: 'v', entities: [customer], source, features: { customer_id: 'int' } })).toThrow('featureView "v": features.customer_id: expected a name other than a join key or the timestamp column');
    expect(() => stats.select('nope' as never)).toThrow('featureView "stats".select: expected features of the view (spend, orders), received nope');
  });

  it('refuse names that could become paths: names are identifiers, stricter than core\'s path-safe rule', () => {
    for (const bad of ['../x', 'a/b', '/abs', 'a\\b', 'x\u0000']) {
      expect(() => entity({ name: bad, joinKeys: ['id'] })).toThrow(`entity "${bad}": name: expected an identifier (a letter or _, then letters, digits or _), received ${JSON.stringify(bad)}`);
      expect(() => featureView({ name: bad, entities: [customer], source, features: { spend: 'float' } })).toThrow(`featureView "${bad}": name: expected an identifier`);
      expect(() => featureService({ name: bad, features: [stats] })).toThrow(`featureService "${bad}": name: expected an identifier`);
    }
  });

  it('type on-demand inputs from the request schema and the views', () => {
    const ratio = onDemandFeature({
      name: 'ratio',
      inputs: { request: { amount: 'float', channel: 'string' }, views: [stats] },
      outputs: { per_order: 'float' },
      fn: (input) => {
        const amount: number | null = input.amount;
        const channel: string | null = input.channel;
        const orders: number | null = input.orders;
        // @ts-expect-error: no such input
        void input.unknown;
        return { per_order: amount !== null && orders ? amount / orders : channel === null ? null : 0 };
      },
    });
    expect(ratio.fn({ amount: 10, orders: 4, channel: 'web', spend: null })).toEqual({ per_order: 2.5 });
    // @ts-expect-error: outputs must match the declared types
    onDemandFeature({ name: 'x', inputs: {}, outputs: { a: 'float' }, fn: () => ({ a: 'text' }) });
    expect(() => onDemandFeature({ name: 'clash', inputs: { request: { spend: 'float' }, views: [stats] }, outputs: { z: 'int' }, fn: () => ({}) })).toThrow(
      'onDemandFeature "clash": inputs: expected distinct input names, received "spend" from request and view stats',
    );
  });

  it('refuse a service whose feature names collide, naming both sources', () => {
    const other = featureView({ name: 'other', entities: [customer], source, features: { spend: 'float' } });
    expect(() => featureService({ name: 'svc', features: [stats, other] })).toThrow('featureService "svc": features: expected unique feature names, received "spend" from stats and other');
    expect(() => featureService({ name: 'svc', features: [stats.select('spend'), other.select()] })).not.toThrow();
    expect(() => featureService({ name: 'svc', features: ['stats' as never] })).toThrow('featureService "svc": features.0: expected a feature view, view.select(...) or an on-demand feature, received "stats"');
  });

  it('collect everything reachable from services, and refuse two objects with one name', () => {
    const svc = featureService({ name: 'svc', features: [stats.select('orders')] });
    const defs = collectDefinitions({ svc, unrelated: 42 });
    expect([...defs.services.keys()]).toEqual(['svc']);
    expect([...defs.views.keys()]).toEqual(['stats']);
    expect([...defs.entities.keys()]).toEqual(['customer']);
    const twin = featureView({ name: 'stats', entities: [customer], source, features: { spend: 'int' } });
    expect(() => collectDefinitions([stats, twin])).toThrow('feature definitions: expected one featureView named "stats", received two different ones');
  });
});
