import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadRowsError } from '../errors/errors';
import { readJsonl } from './readJsonl';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frame-jsonl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function jsonl(text: string): string {
  const path = join(dir, `t${fileNo++}.jsonl`);
  writeFileSync(path, text);
  return path;
}

describe('readJsonl', () => {
  it('builds typed columns, with missing keys and null as nulls', async () => {
    const path = jsonl(
      [
        '{"id":1,"score":0.5,"ok":true,"name":"a","at":"2024-01-01T00:00:00Z"}',
        '{"id":2,"score":1,"ok":false,"name":null}',
        '',
        '{"id":3,"name":"b","at":"2024-01-02","extra":{"k":[1]}}',
      ].join('\r\n'),
    );
    const { frame, badRows } = await readJsonl(path);
    expect(badRows).toEqual([]);
    expect(frame.schema()).toEqual([
      { name: 'id', dtype: 'int32', nullable: false },
      { name: 'score', dtype: 'float64', nullable: true },
      { name: 'ok', dtype: 'bool', nullable: true },
      { name: 'name', dtype: 'category', nullable: true },
      { name: 'at', dtype: 'timestamp', nullable: true },
      { name: 'extra', dtype: 'category', nullable: true },
    ]);
    expect(frame.toRows()[2]).toEqual({ id: 3, score: null, ok: null, name: 'b', at: new Date('2024-01-02T00:00:00Z'), extra: '{"k":[1]}' });
  });

  it('widens instead of failing when values of a key change type', async () => {
    const path = jsonl('{"a":1,"b":1,"c":true}\n{"a":2.5,"b":"x","c":3}\n');
    const { frame } = await readJsonl(path);
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'category', 'category']);
    expect(frame.toRows()).toEqual([
      { a: 1, b: '1', c: 'true' },
      { a: 2.5, b: 'x', c: '3' },
    ]);
  });

  it('reports bad lines with path and line number, keeping every good line', async () => {
    const path = jsonl(['{"a":1}', '{"a":', '[1,2]', '{"a":"x"}', '{"a":4}'].join('\n'));
    const { frame, badRows } = await readJsonl(path, { onBadRow: 'skip', schema: { a: 'int32' } });
    expect(frame.toRows()).toEqual([{ a: 1 }, { a: 4 }]);
    expect(badRows.map((r) => [r.line, r.reason.replace(/JSON: .*/, 'JSON: …')])).toEqual([
      [2, 'invalid JSON: …'],
      [3, 'expected a JSON object, found an array'],
      [4, 'column "a": "\\"x\\"" is not a valid int32'],
    ]);
    const error = (await readJsonl(path, { schema: { a: 'int32' }, highWaterMark: 3 }).catch((e: unknown) => e)) as BadRowsError;
    expect(error).toBeInstanceOf(BadRowsError);
    expect(error.message).toContain(`${path}:2: invalid JSON`);
    expect(error.total).toBe(3);
  });

  it('applies a schema, and its keys exist even when never present', async () => {
    const path = jsonl('{"t":1700000000000,"v":"1"}\n{"t":"2024-01-01T00:00:00Z"}\n');
    const { frame } = await readJsonl(path, { schema: { t: 'timestamp', v: 'category', w: 'float64' } });
    expect(frame.toRows()).toEqual([
      { t: new Date(1700000000000), v: '1', w: null },
      { t: new Date('2024-01-01T00:00:00Z'), v: null, w: null },
    ]);
  });
});
