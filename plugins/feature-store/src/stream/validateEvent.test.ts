import { describe, expect, it } from '@jest/globals';
import { streamSource } from '../definitions';
import { streamFeatures } from './__fixtures__/streamFeatures';
import { validateEvent } from './validateEvent';

const source = streamSource({ redis: { url: 'redis://127.0.0.1:6379', stream: 's', group: 'g' }, timestampColumn: 'ts', idField: 'event_id' });
const { view } = streamFeatures(source);
const expected = 'expected text without NUL characters or lone UTF-16 surrogates';

describe('validateEvent: texts both stores hold exactly as sent', () => {
  it('refuses a NUL or a lone surrogate in a join key, a string feature or the event id, naming the field', () => {
    const at = (event: Record<string, unknown>) => validateEvent(view, JSON.stringify({ event_id: 'e1', customer_id: 'c1', ts: 1000, segment: 'a', ...event }));
    expect(at({ customer_id: 'c\u00001' })).toEqual({ code: 'text', reason: `customer_id: ${expected}, received a NUL character (U+0000) at index 1` });
    expect(at({ segment: 'x\ud800' })).toEqual({ code: 'text', reason: `segment: ${expected}, received a lone UTF-16 surrogate at index 1` });
    expect(at({ event_id: '\u0000' })).toEqual({ code: 'text', reason: `event_id: ${expected}, received a NUL character (U+0000) at index 0` });
  });

  it('takes every other text, surrogate pairs and control characters included', () => {
    const event = validateEvent(view, { event_id: 'é🙂', customer_id: 'c\u0001', ts: 1000, segment: 'line\nbreak 🙂', spend: 1.5 });
    expect(event).toEqual({ keys: ['c\u0001'], eventTs: 1000, values: [1.5, null, 'line\nbreak 🙂', null], id: 'é🙂' });
  });
});
