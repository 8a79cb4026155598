import type { Frame } from '@mlops/frame';
import { sortKeys, timeOrder } from './timeOrder';

/** Rows sorted by entity then time, with the keys used; built once per validation. */
export interface TimeIndex {
  order: Int32Array;
  entity?: Float64Array;
  time?: Float64Array;
  /** How rows were ordered, for messages: `"entity user_id, time ts"`, `"row order"`. */
  by: string;
}

/** The time index of `frame` for the schema's `entity` and `timestamp` columns (each optional, used only when present). */
export function createTimeIndex(frame: Frame, entityName?: string, timeName?: string): TimeIndex {
  const entity = entityName && frame.has(entityName) ? sortKeys(frame.column(entityName)) : undefined;
  const time = timeName && frame.has(timeName) ? sortKeys(frame.column(timeName)) : undefined;
  const parts = [entity ? `entity ${entityName}` : '', time ? `time ${timeName}` : ''].filter(Boolean);
  return { order: timeOrder(frame.rowCount, entity, time), entity, time, by: parts.join(', ') || 'row order' };
}
