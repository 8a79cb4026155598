import { assertSafeName } from '@mlops/core';
import { RegistryError } from '../errors';
import { registryMessages } from '../messages';

// No `@` or `:` in names, so `name@alias` and `name:3` parse without ambiguity.
const modelNamePattern = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
// An alias starts with a letter, so it can never be mistaken for a version number.
const aliasPattern = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * A model name becomes a path (`mlops build` writes `build/<name>-v<N>`), so it must first pass core's
 * shared rule (no `..` or empty segment, no absolute path, backslash or control character) besides
 * the registry's own pattern.
 */
export function checkModelName(name: string): string {
  if (typeof name !== 'string' || !modelNamePattern.test(name)) throw new RegistryError(registryMessages.badName(name));
  assertSafeName('model', name);
  return name;
}

export function checkAlias(alias: string): string {
  if (typeof alias !== 'string' || !aliasPattern.test(alias)) throw new RegistryError(registryMessages.badAlias(alias));
  return alias;
}

export function checkVersion(version: number): number {
  if (!Number.isSafeInteger(version) || version < 1) throw new RegistryError(registryMessages.badVersion(version));
  return version;
}

/** A parsed `resolve` reference: `latest` when only a name was given. */
export type ParsedRef = { name: string; version: number } | { name: string; alias: string } | { name: string; latest: true };

/** Parses `name`, `name@alias`, `name@3` or `name:3`. */
export function parseModelRef(ref: string): ParsedRef {
  const at = Math.max(ref.lastIndexOf('@'), ref.lastIndexOf(':'));
  if (at < 0) return { name: checkModelName(ref), latest: true };
  const name = ref.slice(0, at);
  const tail = ref.slice(at + 1);
  if (!modelNamePattern.test(name) || tail === '') throw new RegistryError(registryMessages.badRef(ref));
  assertSafeName('model', name);
  if (/^[0-9]+$/.test(tail)) return { name, version: checkVersion(Number(tail)) };
  if (ref[at] === ':' || !aliasPattern.test(tail)) throw new RegistryError(registryMessages.badRef(ref));
  return { name, alias: tail };
}
