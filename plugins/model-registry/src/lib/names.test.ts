import { describe, expect, it } from '@jest/globals';
import { checkAlias, checkModelName, parseModelRef } from './names';

describe('parseModelRef', () => {
  it('reads every documented form', () => {
    expect(parseModelRef('fraud')).toEqual({ name: 'fraud', latest: true });
    expect(parseModelRef('team/fraud-v2.x')).toEqual({ name: 'team/fraud-v2.x', latest: true });
    expect(parseModelRef('fraud:3')).toEqual({ name: 'fraud', version: 3 });
    expect(parseModelRef('fraud@3')).toEqual({ name: 'fraud', version: 3 });
    expect(parseModelRef('fraud@champion')).toEqual({ name: 'fraud', alias: 'champion' });
  });

  it('says what was expected for anything else', () => {
    for (const bad of ['fraud@', 'fraud:champion', '@champion', 'fraud@0', 'fraud@a b', '']) {
      expect(() => parseModelRef(bad)).toThrow(/expected (name, name@alias, name@3 or name:3|a positive integer|letters)/);
    }
    expect(() => parseModelRef('fraud:champion')).toThrow('model reference: expected name, name@alias, name@3 or name:3, received "fraud:champion"');
  });

  it('keeps names and aliases free of the separators', () => {
    expect(() => checkModelName('a@b')).toThrow('model name: expected');
    expect(() => checkAlias('1st')).toThrow('alias: expected a letter');
    expect(checkAlias('challenger_2')).toBe('challenger_2');
  });

  it('refuses names that would leave their folder once they become a path', () => {
    expect(() => checkModelName('a/../../../tmp/x')).toThrow('model name must not have a ".." segment, received "a/../../../tmp/x"');
    expect(() => checkModelName('a//b')).toThrow('model name must not have an empty segment');
    expect(() => checkModelName('a/')).toThrow('model name must not have an empty segment');
    expect(() => parseModelRef('a/../../x@champion')).toThrow('model name must not have a ".." segment');
    expect(checkModelName('team/fraud.v2')).toBe('team/fraud.v2');
  });
});
