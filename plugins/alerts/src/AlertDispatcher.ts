import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Alert, AlertSink, Logger } from '@mlops/core';
import type { AlertsOptions } from './options';
import { postWebhook } from './postWebhook';

/**
 * Delivers each alert to every configured channel: the log, a JSON Lines file and webhooks. All
 * channels are tried even if one fails; `send` then rejects naming each failed channel, so the
 * caller (a refused promotion, a monitor) can record that the alert did not get through.
 */
export class AlertDispatcher implements AlertSink {
  constructor(
    private readonly options: AlertsOptions,
    private readonly file: string | null,
    private readonly logger: Logger,
  ) {}

  async send(alert: Alert): Promise<void> {
    const stamped = { ...alert, at: new Date().toISOString() };
    if (this.options.log) {
      const line = `alert [${alert.severity}] ${alert.title}${alert.detail ? `: ${alert.detail}` : ''}`;
      if (alert.severity === 'info') this.logger.info(line, alert.labels);
      else if (alert.severity === 'warning') this.logger.warn(line, alert.labels);
      else this.logger.error(line, alert.labels);
    }
    const deliveries: Promise<void>[] = this.options.webhooks.map((hook) => postWebhook(hook, stamped));
    // One appendFile call per alert: each line is written whole, so concurrent senders never interleave.
    if (this.file) deliveries.push(mkdir(path.dirname(this.file), { recursive: true }).then(() => appendFile(this.file!, `${JSON.stringify(stamped)}\n`)));
    const failures = (await Promise.allSettled(deliveries)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length) throw new AggregateError(failures.map((f) => f.reason), failures.map((f) => (f.reason as Error).message).join('; '));
  }

  health() {
    return { ok: true, detail: [this.file && `file ${this.file}`, ...this.options.webhooks.map((h) => `webhook ${new URL(h.url).host}`)].filter(Boolean).join(', ') || 'log only' };
  }
}
