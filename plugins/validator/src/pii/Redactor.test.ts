import { Frame } from '@mlops/frame';
import { Redactor, type PiiSettings } from './Redactor';
import { tokenizePii } from './tokenizePii';

const settings = (over: Partial<PiiSettings> = {}): PiiSettings => ({ kinds: ['email', 'phone', 'card', 'ip'], action: 'mask', columns: [], sampleSize: 10_000, ...over });

const frame = Frame.fromRows([
  { id: 1, note: 'ok', contact: 'jane@example.com', phone: 5551234 },
  { id: 2, note: 'card 4111 1111 1111 1111', contact: 'bob@test.org', phone: 5559876 },
  { id: 3, note: 'fine', contact: null, phone: null },
  { id: 4, note: 'card 4111 1111 1111 1111', contact: 'jane@example.com', phone: 5551234 },
  { id: 5, note: 'bad card 4111 1111 1111 1112', contact: 'ann@example.com', phone: 5550000 },
]);

describe('Redactor', () => {
  it('detects PII in category columns with exact row counts per kind, and redacts the output frame', () => {
    const r = Redactor.scan(frame, settings({ columns: ['phone'] }), 5);
    expect(r.findings).toEqual([
      { column: 'note', configured: false, rows: 2, kinds: { card: 2 }, firstRows: [1, 3] },
      { column: 'contact', configured: false, rows: 4, kinds: { email: 4 }, firstRows: [0, 1, 3, 4] },
      { column: 'phone', configured: true, rows: 4, kinds: {}, firstRows: [0, 1, 3, 4] },
    ]);
    const out = r.apply(frame);
    expect(out.toRows().map((row) => [row.note, row.contact, row.phone])).toEqual([
      ['ok', '***@example.com', '***'],
      ['card ****-****-****-1111', '***@test.org', '***'],
      ['fine', null, null],
      ['card ****-****-****-1111', '***@example.com', '***'],
      ['bad card 4111 1111 1111 1112', '***@example.com', '***'],
    ]);
    // Masks merge entries: the dictionary is rebuilt without duplicates.
    const contact = out.column('contact');
    expect(contact.dtype === 'category' && [...contact.dictionary].sort()).toEqual(['***@example.com', '***@test.org']);
    expect(out.column('id')).toBe(frame.column('id'));
  });

  it('redacts example values the same way as the frame, and leaves other columns alone', () => {
    const r = Redactor.scan(frame, settings(), 5);
    expect(r.redact('contact', 'jane@example.com')).toBe('***@example.com');
    expect(r.redact('note', 'call 10.0.0.1')).toBe('call ***.***.***.***');
    expect(r.redact('id', 1)).toBe(1);
    expect(r.redact('contact', null)).toBeNull();
  });

  it('tokenizes with the HMAC key: equal values give equal tokens', () => {
    const r = Redactor.scan(frame, settings({ action: 'tokenize', key: 'secret', columns: ['phone'] }), 5);
    const rows = r.apply(frame).toRows();
    expect(rows[0].contact).toBe(tokenizePii('secret', 'jane@example.com'));
    expect(rows[3].contact).toBe(rows[0].contact);
    expect(rows[1].note).toBe(`card ${tokenizePii('secret', '4111 1111 1111 1111')}`);
    expect(rows[0].phone).toBe(tokenizePii('secret', '5551234'));
  });

  it('samples large dictionaries to decide, then counts every row of a flagged column', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ v: i % 10 === 0 ? `user${i}@example.com` : `value ${i}` }));
    const r = Redactor.scan(Frame.fromRows(many), settings({ sampleSize: 50 }), 3);
    expect(r.findings[0]).toMatchObject({ column: 'v', rows: 100, kinds: { email: 100 }, firstRows: [0, 10, 20] });
  });

  it('finds nothing when no kinds are requested and no columns configured, and skips excluded columns', () => {
    expect(Redactor.scan(frame, settings({ kinds: [] }), 5).findings).toEqual([]);
    expect(Redactor.scan(frame, settings({ exclude: ['note'] }), 5).findings.map((f) => f.column)).toEqual(['contact']);
  });
});
