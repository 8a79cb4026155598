import { entity, featureService, featureView, fileSource, streamSource } from '../../definitions';
import type { Source, StreamSource } from '../../definitions/types';
import type { FeatureRow } from '../../__fixtures__/randomFeatureData';

/** The customer features of `randomFeatureData`, from `source`, and a service over them. */
export function streamFeatures(source: Source, name = 'customer_stream') {
  const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
  const view = featureView({ name, entities: [customer], source, features: { spend: 'float', orders: 'int', segment: 'string', active: 'bool' } });
  const service = featureService({ name: `${name}_service`, features: [view] });
  return { customer, view, service };
}

/** The same features read from a CSV file (the batch twin of a stream view). */
export function fileFeatures(csvPath: string) {
  return streamFeatures(fileSource({ path: csvPath, format: 'csv', timestampColumn: 'ts' }), 'customer_file');
}

/** A stream source rebuilt from its JSON (a child process receives it on its command line). */
export function streamSourceFromJson(json: string): StreamSource {
  const { transport, timestampColumn, idField } = JSON.parse(json) as StreamSource;
  const { type, ...options } = transport;
  return streamSource({ [type]: options, timestampColumn, ...(idField ? { idField } : {}) });
}

/** One event per feature row, as the JSON a producer publishes (`event_id`: its position). */
export function eventPayloads(rows: readonly FeatureRow[]): string[] {
  return rows.map((r, i) => JSON.stringify({ event_id: `e${i}`, ...r }));
}
