/**
 * A DI token that carries the type of what it resolves to.
 *
 * tsyringe's own string/symbol tokens are untyped; this wrapper keeps the type at compile time and
 * registers under a plain string id at run time, so two copies of @mlops/core in one install
 * (a third-party plugin bringing its own) still agree on every token.
 */
export interface Token<T> {
  readonly id: string;
  /** Human description used in error messages ("the artifact store"). */
  readonly description: string;
  /** Phantom field: never set, only carries `T` for inference. */
  readonly __type?: T;
}

/** The type a token resolves to. */
export type TokenType<K> = K extends Token<infer T> ? T : never;

/** Creates a typed token; `id` must be unique and stable across versions (it is the registry key). */
export function createToken<T>(id: string, description: string = id): Token<T> {
  if (!/^[a-z][a-zA-Z0-9.:-]*$/.test(id)) throw new TypeError(`invalid token id "${id}"`);
  return Object.freeze({ id: `mlops:${id}`, description });
}
