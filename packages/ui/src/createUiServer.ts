import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { UiError, uiErrorCodes } from './errors';
import { checkHost, hostName } from './http/checkHost';
import { checkRequestTexts } from './http/checkRequestTexts';
import { checkToken } from './http/checkToken';
import { dashboardCsp, securityHeaders } from './http/contentSecurity';
import { errorResponse } from './http/errorResponse';
import { matchRoute } from './http/matchRoute';
import { readJsonBody } from './http/readJsonBody';
import { serveStatic } from './http/serveStatic';
import { uiSections } from './sections';
import type { UiRawResponse, UiRoute, UiSection, UiServices } from './UiSection';

/** How `mlops ui` (or a script) starts the dashboard. */
export interface UiServerOptions {
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the dashboard is for this machine unless asked otherwise. */
  host?: string;
  /** Promote and rollback need this token in a header; without one the dashboard is read-only. */
  token?: string | null;
  /** Folder of the built front end; default the package's `dist/web`. */
  webRoot?: string;
  /** Sections to serve; default all of `uiSections` that are available with these services. */
  sections?: readonly UiSection[];
  /**
   * Host names (besides loopback names and IP addresses) the dashboard answers to, e.g. the name
   * of this machine when serving on 0.0.0.0. Any other `Host` gets a 403 (DNS rebinding).
   */
  allowedHosts?: readonly string[];
  /** Where failed requests are reported (the browser only sees a generic 500). */
  onError?: (err: unknown) => void;
}

/** A started dashboard. */
export interface UiServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** The folder `npm run build` writes the front end to. */
export const defaultWebRoot = path.resolve(__dirname, '..', 'dist', 'web');

/** Starts the dashboard's HTTP server: the JSON API under `/api/` and the built front end. */
export async function createUiServer(services: UiServices, options: UiServerOptions = {}): Promise<UiServer> {
  const sections = (options.sections ?? uiSections).filter((s) => s.available(services));
  const token = options.token ?? null;
  const routes: UiRoute[] = [metaRoute(services, sections, token !== null), ...sections.flatMap((s) => s.routes)];
  const webRoot = options.webRoot ?? defaultWebRoot;
  const port = options.port ?? 4000;
  const host = options.host ?? '127.0.0.1';
  const allowedHosts = new Set([...(options.allowedHosts ?? []), host].map(hostName));
  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      const { status, body } = errorResponse(err);
      if (status >= 500) options.onError?.(err);
      if (!res.headersSent) sendJson(res, status, body);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHost(req.headers.host, allowedHosts);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new UiError(uiErrorCodes.notFound, `${req.method} ${url.pathname}: only GET serves pages`);
      serveStatic(webRoot, url.pathname, res);
      return;
    }
    // HEAD is a GET without the body (node drops it), so scripts and proxies can probe any GET route.
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const found = matchRoute(routes, method, url.pathname.slice('/api/'.length));
    if (!found) throw new UiError(uiErrorCodes.notFound, `no API route ${url.pathname}`, { path: url.pathname });
    if ('methodMismatch' in found) throw new UiError(uiErrorCodes.notFound, `${req.method} is not served at ${url.pathname}`, { path: url.pathname });
    if (found.route.action) checkToken(req, token);
    checkRequestTexts(found.params, url.searchParams);
    const body = req.method === 'POST' ? await readJsonBody(req) : {};
    const result = await found.route.handle({ params: found.params, query: url.searchParams, body }, services);
    if (isRaw(result)) {
      res.writeHead(200, { ...securityHeaders(result.csp ?? dashboardCsp), 'content-type': result.contentType });
      res.end(result.raw);
    } else sendJson(res, 200, result, method === 'GET' ? { ifNoneMatch: req.headers['if-none-match'] } : undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function metaRoute(services: UiServices, sections: UiSection[], writable: boolean): UiRoute {
  return {
    method: 'GET',
    path: 'meta',
    handle: async () => ({ project: services.project, store: services.store, writable, sections: sections.map((s) => ({ id: s.id, title: s.title })) }),
  };
}

function isRaw(value: unknown): value is UiRawResponse {
  return !!value && typeof value === 'object' && typeof (value as UiRawResponse).raw === 'string' && typeof (value as UiRawResponse).contentType === 'string';
}

/**
 * A GET answer carries an ETag (a digest of its body): a page polling a running run sends it back
 * in If-None-Match and gets a bodiless 304 while nothing changed.
 */
function sendJson(res: ServerResponse, status: number, body: unknown, get?: { ifNoneMatch?: string }): void {
  const text = JSON.stringify(body, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  const headers: Record<string, string> = { ...securityHeaders(dashboardCsp), 'content-type': 'application/json; charset=utf-8' };
  if (!get) {
    res.writeHead(status, headers);
    res.end(text);
    return;
  }
  const etag = `"${createHash('sha1').update(text).digest('base64url')}"`;
  if (get.ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
    res.writeHead(304, { ...headers, etag });
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, etag });
  res.end(text);
}
