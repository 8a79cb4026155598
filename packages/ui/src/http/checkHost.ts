import { isIP } from 'node:net';
import { UiError, uiErrorCodes } from '../errors';

/**
 * Refuses requests whose `Host` names a host the dashboard was not told about. Why: with DNS
 * rebinding, a page on another site points its own name at 127.0.0.1 and then reads the API as
 * if it were same-origin. A browser always sends the name it resolved, so a name that is neither
 * loopback (`localhost`, `*.localhost`), an IP literal (which no rebinding can forge), nor one the
 * user allowed (`--allowed-host`, or the name given to `--host`) is refused before any route runs.
 * A request without `Host` (HTTP/1.0 tools, never a browser) passes.
 */
export function checkHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): void {
  if (hostHeader === undefined || hostHeader === '') return;
  const name = hostName(hostHeader);
  if (name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0 || allowed.has(name)) return;
  throw new UiError(uiErrorCodes.forbidden, `host ${JSON.stringify(hostHeader)} is not allowed: the dashboard answers to loopback names and IP addresses; to serve it under this name start it with --allowed-host ${name}`, {
    path: 'Host',
    expected: 'localhost, an IP address or a name given with --allowed-host',
    received: hostHeader,
  });
}

/** The lower-cased name of a `Host` header without its port (`[::1]:4000` → `::1`). */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return (colon === -1 ? h : h.slice(0, colon)).replace(/\.$/, '');
}
