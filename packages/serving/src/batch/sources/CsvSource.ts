import { stat } from 'node:fs/promises';
import { BatchInputError } from '../errors';
import { chunkOf, keyOf, type ChunkSource, type RawValue, type SourceChunk, type SourcePosition } from './ChunkSource';
import { CsvRecordReader } from './CsvRecordReader';

/** Rows of a CSV file with a header; cells stay text until converted for the model. */
export class CsvSource implements ChunkSource {
  readonly description: string;

  private constructor(
    private readonly path: string,
    readonly columns: readonly string[],
    private readonly headerEnd: number,
    readonly totalBytes: number,
    private readonly idColumn: string | undefined,
  ) {
    this.description = path;
  }

  static async open(path: string, idColumn?: string): Promise<CsvSource> {
    const reader = await CsvRecordReader.open(path);
    try {
      const header = await reader.next();
      if (header === undefined) throw new BatchInputError(`${path}: expected a header row, found an empty file`);
      const names = header.fields.map(String);
      const source = new CsvSource(path, names, header.end, (await stat(path)).size, idColumn);
      if (idColumn !== undefined && !names.includes(idColumn)) {
        throw new BatchInputError(`${path}: expected an id column "${idColumn}", found columns ${names.join(', ')}`);
      }
      return source;
    } finally {
      await reader.close();
    }
  }

  async *chunks(from: SourcePosition | undefined, chunkRows: number, numericColumns?: ReadonlySet<string>): AsyncIterable<SourceChunk> {
    const reader = await CsvRecordReader.open(this.path, from?.offset ?? this.headerEnd);
    // The key stays text ("007" is not 7), unless the model also reads that column.
    reader.numericFields = this.columns.map((name) => numericColumns?.has(name) === true && name !== this.idColumn);
    try {
      let row = from?.row ?? 0;
      const idIndex = this.idColumn === undefined ? -1 : this.columns.indexOf(this.idColumn);
      for (;;) {
        const values = this.columns.map(() => [] as RawValue[]);
        const keys: (string | number)[] = [];
        let end = -1;
        while (keys.length < chunkRows) {
          // Fields go straight into the column arrays while the record is in the read buffer.
          let count = reader.appendBuffered(values);
          if (count >= 0) end = reader.lastEnd;
          else {
            const record = await reader.next();
            if (record === undefined) break;
            count = record.fields.length;
            for (let c = 0; c < values.length && c < count; c++) values[c]!.push(record.fields[c]);
            end = record.end;
          }
          if (count !== this.columns.length) {
            throw new BatchInputError(`${this.path}: row ${row} has ${count} fields, expected ${this.columns.length} like the header`);
          }
          keys.push(idIndex < 0 ? row : keyOf(values[idIndex]![keys.length], row, this.idColumn, this.path));
          row++;
        }
        if (keys.length === 0) return;
        const byName = new Map(this.columns.map((name, c) => [name, values[c]]));
        yield chunkOf(byName, keys, { row, offset: end }, end);
        if (keys.length < chunkRows) return;
      }
    } finally {
      await reader.close();
    }
  }

  async close(): Promise<void> {}
}
