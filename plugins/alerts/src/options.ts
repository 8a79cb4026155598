import { z } from 'zod';

export const webhookSchema = z.object({
  url: z.string().url(),
  /** `json`: the alert as JSON; `slack`: `{ text }`, which Slack, Mattermost and Teams incoming webhooks accept. */
  format: z.enum(['json', 'slack']).default('json'),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().default(5000),
  /** Extra attempts after a failure (network error or 5xx), with exponential backoff. */
  retries: z.number().int().min(0).max(10).default(2),
});

export const alertsOptions = z
  .object({
    /** Also log every alert through the runtime's logger (warning or error by severity). */
    log: z.boolean().default(true),
    /** JSON Lines file every alert is appended to; relative to the state folder; `false` to disable. */
    file: z.union([z.string().min(1), z.literal(false)]).default('alerts.jsonl'),
    webhooks: z.array(webhookSchema).default([]),
  })
  .strict();

export type AlertsOptions = z.output<typeof alertsOptions>;
export type WebhookOptions = z.output<typeof webhookSchema>;
