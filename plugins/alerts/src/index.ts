import * as path from 'node:path';
import { definePlugin, tokens } from '@mlops/core';
import { AlertDispatcher } from './AlertDispatcher';
import { alertsOptions } from './options';

/** Plugin for the `alertSink` slot: alerts go to the log, `<stateDir>/alerts.jsonl` and any webhooks. */
export const alerts = definePlugin({
  name: 'alerts',
  provides: tokens.alertSink,
  options: alertsOptions,
  create: (ctx) => new AlertDispatcher(ctx.options, ctx.options.file === false ? null : path.resolve(ctx.stateDir, ctx.options.file), ctx.logger),
});

export { AlertDispatcher } from './AlertDispatcher';
export { alertsOptions, type AlertsOptions, type WebhookOptions } from './options';
export const plugins = [alerts];
export default plugins;
