import type { Frame } from './Frame';
import { frameBrand } from './brand';

/** True for a Frame from any copy of @mlops/frame (checks a `Symbol.for` brand, not instanceof). */
export function isFrame(value: unknown): value is Frame {
  return typeof value === 'object' && value !== null && (value as { [frameBrand]?: unknown })[frameBrand] === true;
}
