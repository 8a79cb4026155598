import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvRecordReader } from './CsvRecordReader';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'mlops-csv-records-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readAll(path: string, offset = 0, chunkSize?: number, numericFields: boolean[] = []) {
  const reader = await CsvRecordReader.open(path, offset, { chunkSize });
  reader.numericFields = numericFields;
  const out: { fields: (string | number)[]; end: number }[] = [];
  try {
    for (let r = await reader.next(); r; r = await reader.next()) out.push(r);
  } finally {
    await reader.close();
  }
  return out;
}

describe('CsvRecordReader', () => {
  const text = '\ufeffid,note\r\n1,"a, ""quoted""\nline"\r\n\r\n2,plain\n3,"é"\n4,last-without-newline';

  it('appends the same fields and ends to columns as next() gives as records, whatever the buffer size', async () => {
    const path = join(dir, 'columns.csv');
    await writeFile(path, text);
    for (const chunkSize of [1, 3, 7, 1 << 20]) {
      const reader = await CsvRecordReader.open(path, 0, { chunkSize });
      const columns: unknown[][] = [[], []];
      const ends: number[] = [];
      const counts: number[] = [];
      try {
        for (;;) {
          let count = reader.appendBuffered(columns);
          if (count >= 0) ends.push(reader.lastEnd);
          else {
            const record = await reader.next();
            if (!record) break;
            count = record.fields.length;
            record.fields.forEach((f, c) => columns[c]!.push(f));
            ends.push(record.end);
          }
          counts.push(count);
        }
      } finally {
        await reader.close();
      }
      const records = await readAll(path, 0, chunkSize);
      expect(columns).toEqual([records.map((r) => r.fields[0]), records.map((r) => r.fields[1])]);
      expect(ends).toEqual(records.map((r) => r.end));
      expect(counts).toEqual(records.map(() => 2));
    }
  });

  it('reads quoted fields with delimiters, quotes and newlines, CRLF, a BOM and blank lines, whatever the buffer size', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, text);
    const expected = [['id', 'note'], ['1', 'a, "quoted"\nline'], ['2', 'plain'], ['3', 'é'], ['4', 'last-without-newline']];
    for (const chunkSize of [1, 3, 7, 1 << 20]) expect((await readAll(path, 0, chunkSize)).map((r) => r.fields)).toEqual(expected);
  });

  it('restarts at the byte offset a record ended at, with the same records after it', async () => {
    const path = join(dir, 'b.csv');
    await writeFile(path, text);
    const all = await readAll(path);
    for (let i = 0; i < all.length; i++) expect(await readAll(path, all[i]!.end, 5)).toEqual(all.slice(i + 1));
  });

  it('parses plain decimals of numeric fields from the bytes, exactly like Number(), and leaves anything else as text', async () => {
    const cells = ['0', '-0', '12', '+3.25', '0.1', '-123456.789012345', '1.50', '007', '.5', '5.', '1e3', ' 1', '1.2.3', '', 'abc', '1234567890123456', '"9"'];
    const path = join(dir, 'n.csv');
    await writeFile(path, cells.map((c) => `${c},${c}`).join('\n'));
    const records = await readAll(path, 0, undefined, [true, false]);
    records.forEach((r, i) => {
      const text = cells[i]!.replace(/^"(.*)"$/, '$1');
      expect(r.fields[1]).toBe(text);
      const plain = /^[-+]?\d*\.?\d*$/.test(cells[i]!) && /\d/.test(cells[i]!) && cells[i]!.replace(/\D/g, '').length <= 15;
      expect(r.fields[0]).toBe(plain ? Number(text) : text);
    });
    expect(Object.is(records[1]!.fields[0], -0)).toBe(true);
  });
});
