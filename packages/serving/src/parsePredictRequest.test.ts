import { describe, expect, it } from '@jest/globals';
import type { ModelSignature } from '@mlops/core';
import { createRequestSchema } from './createRequestSchema';
import { feedSpecs } from './feeds/FeedSpec';
import { rowsToFeeds } from './rowsToFeeds';
import { parsePredictRequest } from './parsePredictRequest';
import { ServingError } from './ServingError';

const signature: ModelSignature = {
  task: 'binary',
  inputs: [
    { name: 'age', type: 'float' },
    { name: 'visits', type: 'int' },
    { name: 'plan', type: 'string' },
    { name: 'active', type: 'bool' },
    { name: 'income', type: 'double', nullable: true },
  ],
  outputs: [{ name: 'label', type: 'int64', shape: [null] }, { name: 'probabilities', type: 'float', shape: [null, 2] }],
  classes: ['no', 'yes'],
};
const row = { age: 41.5, visits: 3, plan: 'pro', active: true, income: null };
const schema = createRequestSchema(signature, { maxRows: 3 });

function errorOf(body: unknown, s = schema): Pick<ServingError, 'code' | 'status' | 'field' | 'message'> {
  try {
    parsePredictRequest(body, s);
  } catch (e) {
    expect(e).toBeInstanceOf(ServingError);
    const { code, status, field, message } = e as ServingError;
    return { code, status, field, message };
  }
  throw new Error('expected a ServingError');
}

function errorOfRaw(body: unknown): ServingError {
  try {
    parsePredictRequest(body, schema);
  } catch (e) {
    return e as ServingError;
  }
  throw new Error('expected a ServingError');
}

describe('parsePredictRequest', () => {
  it('accepts rows and a single row', () => {
    expect(parsePredictRequest({ rows: [row, { ...row, income: 1200 }] }, schema)).toEqual({ kind: 'rows', rows: [row, { ...row, income: 1200 }] });
    expect(parsePredictRequest({ row }, schema)).toEqual({ kind: 'rows', rows: [row] });
  });

  it('given the feed specs, builds the feeds in the same pass, equal to converting the validated rows', () => {
    const specs = feedSpecs(signature);
    const rows = [row, { ...row, income: 1200, plan: 'NA', active: false }];
    const parsed = parsePredictRequest({ rows }, schema, specs);
    expect(parsed).toEqual({ kind: 'rows', rows, feeds: rowsToFeeds(rows, specs) });
    expect((parsed as { feeds: Record<string, { data: unknown }> }).feeds.plan!.data).toEqual(['pro', '']);
    expect(parsePredictRequest({ row }, schema, specs)).toEqual({ kind: 'rows', rows: [row], feeds: rowsToFeeds([row], specs) });
  });

  it('says the same about a bad row with or without the one-pass path', () => {
    const specs = feedSpecs(signature);
    const { age: _, ...noAge } = row;
    const bad = [{ rows: [row, noAge] }, { rows: [{ ...row, visits: 1.5 }] }, { rows: [{ ...row, visits: 2 ** 60 }] }, { row: { ...row, plan: null } }, { rows: [{ ...row, extra: 1 }] }, { rows: [row], more: 1 }, { rows: [] }];
    for (const body of bad) {
      let withSpecs: unknown;
      try {
        parsePredictRequest(body, schema, specs);
      } catch (e) {
        withSpecs = e;
      }
      expect(withSpecs).toBeInstanceOf(ServingError);
      expect({ ...(withSpecs as ServingError), message: (withSpecs as Error).message }).toEqual({ ...errorOfRaw(body), message: errorOf(body).message });
    }
  });

  it('names the missing, mistyped, null and unknown field', () => {
    const { age: _, ...noAge } = row;
    expect(errorOf({ rows: [row, noAge] })).toEqual({ code: 'missing_feature', status: 422, field: 'rows[1].age', message: 'rows[1].age: missing; expected a number' });
    expect(errorOf({ row: { ...row, age: '41' } })).toEqual({ code: 'wrong_type', status: 422, field: 'row.age', message: 'row.age: expected a number, found string "41"' });
    expect(errorOf({ row: { ...row, visits: 2.5 } })).toMatchObject({ code: 'wrong_type', field: 'row.visits' });
    expect(errorOf({ row: { ...row, active: 'yes' } })).toMatchObject({ code: 'wrong_type', field: 'row.active', message: 'row.active: expected a boolean, found string "yes"' });
    expect(errorOf({ row: { ...row, plan: null } })).toEqual({ code: 'null_value', status: 422, field: 'row.plan', message: 'row.plan: null is not allowed (the input is not nullable); expected a string' });
    expect(errorOf({ row: { ...row, agee: 3 } })).toEqual({ code: 'unknown_field', status: 422, field: 'row.agee', message: 'row.agee: the model has no input "agee"; did you mean "age"?' });
  });

  it('drops unknown fields when told to', () => {
    const lenient = createRequestSchema(signature, { extraFields: 'ignore' });
    expect(parsePredictRequest({ row: { ...row, extra: 1 } }, lenient)).toEqual({ kind: 'rows', rows: [row] });
  });

  it('refuses bodies of the wrong shape and oversized batches', () => {
    expect(errorOf([row])).toMatchObject({ code: 'invalid_body', status: 400, message: 'expected a JSON object with "rows" or "row", found array' });
    expect(errorOf({})).toMatchObject({ code: 'invalid_body', message: 'expected a JSON object with "rows" or "row", found an empty object' });
    expect(errorOf({ data: [] })).toMatchObject({ code: 'invalid_body', message: 'expected a JSON object with "rows" or "row", found keys "data"' });
    expect(errorOf({ rows: [] })).toMatchObject({ code: 'invalid_body', field: 'rows' });
    expect(errorOf({ rows: row })).toMatchObject({ code: 'wrong_type', field: 'rows', message: 'rows: expected an array, found object' });
    expect(errorOf({ rows: [row, row, row, row] })).toEqual({ code: 'batch_too_large', status: 413, field: 'rows', message: 'rows: at most 3 items per request, found 4' });
    expect(errorOf({ rows: [row], extra: 1 })).toMatchObject({ code: 'unknown_field', field: 'extra' });
    expect(errorOf(null)).toMatchObject({ code: 'invalid_body', message: 'expected a JSON object with "rows" or "row", found null' });
  });

  it('accepts entities only when feature lookup is configured', () => {
    expect(errorOf({ entities: [{ customer_id: 1 }] })).toMatchObject({ code: 'invalid_body' });
    const withLookup = createRequestSchema(signature, { entityKeys: ['customer_id'] });
    expect(parsePredictRequest({ entities: [{ customer_id: 1 }, { customer_id: 'c2' }] }, withLookup)).toEqual({ kind: 'entities', entities: [{ customer_id: 1 }, { customer_id: 'c2' }] });
    expect(errorOf({ entities: [{ customer: 1 }] }, withLookup)).toMatchObject({ code: 'missing_feature', field: 'entities[0].customer_id' });
    expect(errorOf({ entities: [{ customer_id: 1, customer: 1 }] }, withLookup)).toMatchObject({ code: 'unknown_field', field: 'entities[0].customer' });
    expect(errorOf({ entities: [{ customer_id: true }] }, withLookup)).toMatchObject({ code: 'wrong_type', field: 'entities[0].customer_id' });
  });
});
