import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvRecordReader } from './CsvRecordReader';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'mlops-csv-records-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readAll(path: string, offset = 0, chunkSize?: number) {
  const reader = await CsvRecordReader.open(path, offset, { chunkSize });
  const out: { fields: string[]; end: number }[] = [];
  try {
    for (let r = await reader.next(); r; r = await reader.next()) out.push(r);
  } finally {
    await reader.close();
  }
  return out;
}

describe('CsvRecordReader', () => {
  const text = '\ufeffid,note\r\n1,"a, ""quoted""\nline"\r\n\r\n2,plain\n3,"é"\n4,last-without-newline';

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
});
