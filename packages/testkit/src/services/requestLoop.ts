/** What a request loop saw, once stopped. */
export interface RequestLoopResult {
  /** Requests answered (any status), and those with a 2xx status. */
  sent: number;
  ok: number;
  /** Every non-2xx answer or transport error, in order: `"503 …body"` or `"error: ECONNRESET …"`. */
  failures: string[];
}

/** A client sending requests one after another until stopped. */
export interface RequestLoop {
  /** The counts so far (a copy), while the loop keeps sending. */
  progress(): RequestLoopResult;
  stop(): Promise<RequestLoopResult>;
}

/**
 * Sends `body()` to `url` as JSON, one request after another (a new one as soon as the last is
 * answered, after `pauseMs`), until `stop()`; counts every answer. For "no request failed while the
 * server switched models" tests: a failure keeps the status and the start of the body, so the
 * assertion's message says what went wrong. It runs on the caller's event loop: while the test blocks
 * (`spawnSync`, a busy loop) nothing is sent, so spawn what runs meanwhile asynchronously.
 */
export function startRequestLoop(url: string, body: (i: number) => unknown, options: { pauseMs?: number } = {}): RequestLoop {
  const result: RequestLoopResult = { sent: 0, ok: 0, failures: [] };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
        const text = await res.text();
        result.sent++;
        if (res.status >= 200 && res.status < 300) result.ok++;
        else result.failures.push(`${res.status} ${text.slice(0, 200)}`);
      } catch (error) {
        result.sent++;
        result.failures.push(`error: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`.trim());
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  })();
  return {
    progress: () => ({ ...result, failures: [...result.failures] }),
    async stop() {
      running = false;
      await loop;
      return result;
    },
  };
}
