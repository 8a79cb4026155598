import { describe, expect, it } from '@jest/globals';
import { checkJsonContentType } from './checkJsonContentType';

const code = (header: string | undefined) => {
  try {
    checkJsonContentType(header);
    return 'ok';
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('checkJsonContentType', () => {
  it.each(['application/json', 'APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json;charset="utf-8"', 'application/json ; charset=utf-8 ; q=1', 'application/problem+json', 'application/vnd.api+JSON; charset=Utf-8', 'application/json;'])('accepts %j', (header) => {
    expect(code(header)).toBe('ok');
  });

  it.each([undefined, '', 'text/plain', 'application/jsonp', 'application/jsonx', 'application/x-json', 'text/json', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset="UTF-16LE"', 'application/json; charset', 'application/json garbage', 'application/', '/json', 'multipart/form-data', 'application/json+xml'])('refuses %j with 415', (header) => {
    expect(code(header)).toBe('unsupported_media_type');
  });

  it('says what it expected and what it found', () => {
    expect(() => checkJsonContentType('application/json; charset=utf-16')).toThrow('expected content-type application/json (charset utf-8 or none), found "application/json; charset=utf-16": only charset utf-8 is read');
  });
});
