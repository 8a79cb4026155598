import type { PiiKind } from './findPii';

/** What a whole value of a configured PII column becomes when it is not one recognised item. */
export const FIXED_MASK = '***';

/**
 * The masked form of one piece of personal data. Masks keep only what is commonly printed on
 * receipts and is useful for debugging: an e-mail's domain, a card's last four digits.
 * - email `jane.doe@example.com` → `***@example.com`
 * - card `4111 1111 1111 1111` → `****-****-****-1111`
 * - phone `+1 555 123 4567` → `***-***-****`
 * - ip `192.168.0.1` → `***.***.***.***`, `fe80::1` → `****:****::****`
 */
export function maskPii(kind: PiiKind, value: string): string {
  switch (kind) {
    case 'email':
      return `***${value.slice(value.lastIndexOf('@'))}`;
    case 'card':
      return `****-****-****-${value.replace(/\D/g, '').slice(-4)}`;
    case 'phone':
      return '***-***-****';
    case 'ip':
      return value.includes(':') ? '****:****::****' : '***.***.***.***';
  }
}
