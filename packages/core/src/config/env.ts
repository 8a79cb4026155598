const ENV_REF = Symbol.for('mlops.envRef');

/** A reference to an environment variable, resolved when the config is validated. */
export interface EnvRef {
  readonly [ENV_REF]: true;
  readonly name: string;
  readonly default?: string;
}

/**
 * References an environment variable from `mlops.config.ts`, for secrets that must not live in the
 * file: `connection: env('DATABASE_URL')`. A missing variable without a default is a config error
 * naming the field, reported with all other config errors before anything runs.
 */
export function env(name: string, options: { default?: string } = {}): string {
  // Typed as string so it fits any string option; it is a marker until resolveEnvRefs runs.
  return { [ENV_REF]: true, name, default: options.default } as unknown as string;
}

export function isEnvRef(value: unknown): value is EnvRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ENV_REF] === true;
}

/** A problem found while substituting env references: the field and the variable. */
export interface EnvIssue {
  path: string;
  name: string;
}

/**
 * Replaces every env reference in plain objects/arrays (not class instances such as plugins or
 * pipelines) by the variable's value. Returns the new value and the references that were unset.
 * A subtree without references is returned as it is, and an object reached twice is rebuilt once,
 * so objects shared between options (feature definitions, say) stay shared.
 */
export function resolveEnvRefs(value: unknown, environment: NodeJS.ProcessEnv, path = ''): { value: unknown; issues: EnvIssue[] } {
  const issues: EnvIssue[] = [];
  const seen = new Map<object, unknown>();
  const walk = (v: unknown, p: string): unknown => {
    if (isEnvRef(v)) {
      // An empty variable counts as unset: `FOO= mlops run` should not pass "" as a secret.
      const set = environment[v.name];
      const found = set === undefined || set === '' ? v.default : set;
      if (found === undefined) issues.push({ path: p, name: v.name });
      return found;
    }
    const isArray = Array.isArray(v);
    if (!isArray && !(v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) return v;
    const obj = v as object;
    if (seen.has(obj)) return seen.get(obj);
    seen.set(obj, obj);
    let changed = false;
    const entries = Object.entries(obj).map(([k, x]) => {
      const y = walk(x, isArray ? `${p}[${k}]` : p ? `${p}.${k}` : k);
      if (y !== x) changed = true;
      return [k, y] as const;
    });
    const out = !changed ? obj : isArray ? entries.map(([, y]) => y) : Object.fromEntries(entries);
    seen.set(obj, out);
    return out;
  };
  return { value: walk(value, path), issues };
}
