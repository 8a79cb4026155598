import { findPii, type PiiKind } from './findPii';
import { maskPii } from './maskPii';

const all: PiiKind[] = ['email', 'phone', 'card', 'ip'];
const kinds = (text: string, only = all) => findPii(text, only).map((m) => [m.kind, text.slice(m.start, m.end)]);

describe('findPii', () => {
  it('finds e-mail addresses inside text', () => {
    expect(kinds('write to jane.doe+ml@mail.example.co.uk today')).toEqual([['email', 'jane.doe+ml@mail.example.co.uk']]);
    expect(kinds('not@an-address')).toEqual([]);
  });

  it('finds card numbers of 13-19 digits only when they pass the Luhn check', () => {
    expect(kinds('card 4111 1111 1111 1111 on file')).toEqual([['card', '4111 1111 1111 1111']]);
    expect(kinds('4111-1111-1111-1111')).toEqual([['card', '4111-1111-1111-1111']]);
    expect(kinds('378282246310005')).toEqual([['card', '378282246310005']]);
    expect(kinds('4222222222222')).toEqual([['card', '4222222222222']]);
    expect(kinds('4111111111111112')).toEqual([]); // fails Luhn
    expect(kinds('411111111111')).toEqual([]); // 12 digits
    expect(kinds('41111111111111110000')).toEqual([]); // 20 digits: an id, not a card
  });

  it('finds IPv4 and IPv6 addresses but not times, versions with bad octets or MAC addresses', () => {
    expect(kinds('from 192.168.0.12, then 10.0.0.1')).toEqual([['ip', '192.168.0.12'], ['ip', '10.0.0.1']]);
    expect(kinds('host 2001:db8::8a2e:370:7334 and ::1')).toEqual([['ip', '2001:db8::8a2e:370:7334'], ['ip', '::1']]);
    expect(kinds('at 10:30:00')).toEqual([]);
    expect(kinds('300.1.1.1')).toEqual([]);
    expect(kinds('mac 00:1A:2B:3C:4D:5E')).toEqual([]);
  });

  it('finds international and North-American phone numbers but not dates or plain ids', () => {
    expect(kinds('call +1 (555) 123-4567')).toEqual([['phone', '+1 (555) 123-4567']]);
    expect(kinds('call +44 20 7946 0958 now')).toEqual([['phone', '+44 20 7946 0958']]);
    expect(kinds('555-123-4567')).toEqual([['phone', '555-123-4567']]);
    expect(kinds('(555) 123-4567')).toEqual([['phone', '(555) 123-4567']]);
    expect(kinds('2024-01-15')).toEqual([]);
    expect(kinds('order 1234567')).toEqual([]);
  });

  it('looks only for the requested kinds, and gives overlaps to e-mails first', () => {
    expect(kinds('a@b.com 10.0.0.1', ['ip'])).toEqual([['ip', '10.0.0.1']]);
    expect(kinds('4111111111111111@example.com')).toEqual([['email', '4111111111111111@example.com']]);
  });
});

describe('maskPii', () => {
  it('keeps only the domain of an e-mail and the last four digits of a card', () => {
    expect(maskPii('email', 'jane@example.com')).toBe('***@example.com');
    expect(maskPii('card', '4111 1111 1111 1234')).toBe('****-****-****-1234');
    expect(maskPii('phone', '+1 555 123 4567')).toBe('***-***-****');
    expect(maskPii('ip', '10.1.2.3')).toBe('***.***.***.***');
    expect(maskPii('ip', 'fe80::1')).toBe('****:****::****');
  });
});
