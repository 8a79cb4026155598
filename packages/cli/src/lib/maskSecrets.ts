const secretKey = /pass(word)?|secret|token|api[-_]?key|credential|private/i;

/** Copies plugin options for display with secret-looking fields and URL passwords masked. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    // `tokenKeyEnv: 'MLOPS_PII_KEY'` names where a secret lives; only the secret itself is hidden.
    if (secretKey.test(key) && !/Env$/.test(key)) return '****';
    return value.replace(/(\w+:\/\/[^:/@\s]+:)[^@\s]+@/, '$1****@');
  }
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  if (typeof value === 'function') return '[function]';
  return value;
}
