import { servedEvent } from '../__fixtures__/logSubjects';
import { layoutOf } from './callLayout';
import { LogGroup } from './LogGroup';

/** A group of `calls` (request sizes per call), encoded as a flush would write it. */
function fill(group: LogGroup, calls: number[][], prefix: string): unknown[] {
  calls.forEach((sizes, c) => {
    const event = servedEvent(sizes, { servedAt: 1000 + c, idPrefix: `${prefix}${c}` });
    const layout = layoutOf(event);
    group.add(event, layout.data, null, null, event.rows);
  });
  return group.encode();
}

describe('LogGroup.reuse', () => {
  it('empties a group down to exactly what a new group holds for the same calls, with buffers grown before', () => {
    const layout = layoutOf(servedEvent([1]));
    const used = new LogGroup(layout, 'churn', 3, 500);
    // Enough calls to grow every buffer several times over.
    fill(used, Array.from({ length: 300 }, () => [4, 9, 1]), 'big');
    used.sealed = true;
    const later: number[][] = [[2], [3, 1]];
    const reused = fill(used.reuse(1000), later, 'small');
    const fresh = fill(new LogGroup(layout, 'churn', 3, 1000), later, 'small');
    expect(reused).toEqual(fresh);
    expect(used).toMatchObject({ calls: 2, rows: 6, servedAt: 1000, lastAt: 1001, sealed: false });
    expect(JSON.parse(reused[6] as string)).toEqual(['small0-0', 'small1-0', 'small1-1']);
  });
});
