import { loneSurrogateAt } from '@mlops/core';
import { OnlineStoreInputError } from '../errors';
import { describeValue } from './describeValue';

/** Hash fields holding the row's metadata; feature names may not start with `@`. */
export const eventTsField = '@event_ts';
export const writtenAtField = '@written_at';

const viewPattern = /^[^\s:{}*?[\]\\]+$/;

/**
 * Key layout: `<prefix>:<view>:{<entityKey>}`, one hash per (view, entity).
 *
 * The entity key is the Redis Cluster hash tag, so every view of one entity lives in the same slot
 * (a feature service reading several views of an entity touches one node), while the entities of a
 * view spread over all slots (a tag on the view would put a whole view on one node).
 */
export class KeyLayout {
  constructor(readonly prefix: string) {}

  /**
   * The hash of one entity. A key with a lone UTF-16 surrogate is refused: ioredis would send it
   * as U+FFFD, so two different keys would share one hash.
   */
  key(view: string, entityKey: string): string {
    const at = loneSurrogateAt(entityKey);
    if (at >= 0) throw new OnlineStoreInputError(view, 'entityKey', 'a well-formed string', `a lone UTF-16 surrogate at index ${at}`);
    return `${this.prefix}:${view}:{${entityKey}}`;
  }

  /** SCAN pattern matching every key of `view` and no other view (view names cannot hold `:`). */
  viewPattern(view: string): string {
    return `${this.prefix}:${view}:{*`;
  }

  /** Throws unless `view` is usable in keys and patterns: no whitespace, `:`, braces or glob characters. */
  checkView(view: string): void {
    // Reads check the same view again and again: the last good one is remembered.
    if (view === this.lastGoodView) return;
    if (typeof view !== 'string' || !viewPattern.test(view)) {
      throw new OnlineStoreInputError(String(view), 'view', 'a name without whitespace, ":", braces or glob characters', describeValue(view));
    }
    this.lastGoodView = view;
  }

  private lastGoodView: string | undefined;
}
