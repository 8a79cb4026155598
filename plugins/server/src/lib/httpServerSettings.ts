import type { ServerOptions } from 'node:http';
import type { HttpServerOptions } from '../options';

/**
 * node:http settings from the server options. Node checks `requestTimeout`/`headersTimeout` only
 * every `connectionsCheckingInterval` (default 30 s), so a 10 s timeout used to fire after 10–40 s:
 * the interval is a tenth of the timeout (at most 1 s), so it fires within 10 % of it.
 */
export function httpServerSettings(options: Pick<HttpServerOptions, 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxHeaderBytes'>): ServerOptions {
  return {
    keepAliveTimeout: options.keepAliveTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(options.requestTimeoutMs / 10))),
    maxHeaderSize: options.maxHeaderBytes,
  };
}
