import type { Frame } from '@mlops/frame';
import { summarize } from '../summary/summarize';
import { resolveSummaryOptions, type SummaryOptions } from '../summary/SummaryOptions';
import type { FrameProfile } from './FrameProfile';

/** `summarize` of every column of `frame`, with the row count (see `FrameProfile`). */
export function profileFrame(frame: Frame, options?: SummaryOptions): FrameProfile {
  const resolved = resolveSummaryOptions(options);
  // fromEntries defines own properties, so a column called "__proto__" is kept like any other.
  const columns = Object.fromEntries(frame.names.map((name) => [name, summarize(frame.column(name), resolved)]));
  return { rowCount: frame.rowCount, columns };
}
