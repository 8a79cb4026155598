import type { Alert } from '@mlops/core';
import type { WebhookOptions } from './options';

const icon = { info: 'ℹ️', warning: '⚠️', critical: '🚨' } as const;

function body(alert: Alert & { at: string }, format: WebhookOptions['format']): string {
  if (format === 'json') return JSON.stringify(alert);
  const labels = Object.entries(alert.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return JSON.stringify({ text: `${icon[alert.severity]} *${alert.title}*${alert.detail ? `\n${alert.detail}` : ''}${labels ? `\n_${labels}_` : ''}` });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * POSTs an alert; retries network errors, timeouts, 429 and 5xx with exponential backoff (a 4xx
 * other than 429 is the receiver refusing the payload, so it is not retried).
 */
export async function postWebhook(hook: WebhookOptions, alert: Alert & { at: string }): Promise<void> {
  let lastError = '';
  for (let attempt = 0; attempt <= hook.retries; attempt++) {
    if (attempt) await sleep(200 * 2 ** (attempt - 1));
    try {
      const res = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...hook.headers }, body: body(alert, hook.format), signal: AbortSignal.timeout(hook.timeoutMs) });
      await res.arrayBuffer();
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (err) {
      lastError = (err as Error).name === 'TimeoutError' ? `no answer within ${hook.timeoutMs} ms` : (err as Error).message;
    }
  }
  throw new Error(`webhook ${new URL(hook.url).host} did not take the alert "${alert.title}": ${lastError}`);
}
