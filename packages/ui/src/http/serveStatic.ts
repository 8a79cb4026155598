import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { dashboardCsp, securityHeaders } from './contentSecurity';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built front end from `root`. A path without an extension is a page of the single-page
 * app and gets `index.html`; a missing asset is a 404. Paths never leave `root`.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    rel = '/';
  }
  const file = path.resolve(root, `.${path.posix.normalize(rel)}`);
  const inside = file === root || file.startsWith(root + path.sep);
  const ext = path.extname(file);
  const target = inside && ext && existsSync(file) && statSync(file).isFile() ? file : !ext ? path.join(root, 'index.html') : undefined;
  if (!target || !existsSync(target)) {
    res.writeHead(404, { ...securityHeaders(dashboardCsp), 'content-type': 'text/plain; charset=utf-8' });
    res.end(existsSync(path.join(root, 'index.html')) ? 'not found' : `the dashboard is not built: ${root} has no index.html (run npm run build)`);
    return;
  }
  const headers = securityHeaders(dashboardCsp);
  // Hashed asset names never change content, so they may be cached; the page itself may not.
  if (target.includes(`${path.sep}assets${path.sep}`)) headers['cache-control'] = 'public, max-age=31536000, immutable';
  res.writeHead(200, { ...headers, 'content-type': types[path.extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
}
