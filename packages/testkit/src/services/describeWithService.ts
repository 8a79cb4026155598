import { jestGlobals } from '../lib/jestGlobals';
import type { Health } from '@mlops/core';
import { probeTcp } from './probeTcp';

/** Where a service listens, or a synchronous check returning whether it is usable. */
export type ServiceProbe = { host: string; port: number; timeoutMs?: number } | (() => Health);

/** Env var that turns "service unreachable" from a skip into a failure (set it in CI). */
export const requireServicesEnv = 'MLOPS_REQUIRE_SERVICES';

const cache = new Map<string, Health>();

function check(probe: ServiceProbe): Health {
  if (typeof probe === 'function') return probe();
  const key = `${probe.host}:${probe.port}`;
  let health = cache.get(key);
  if (!health) cache.set(key, (health = probeTcp(probe.host, probe.port, probe.timeoutMs)));
  return health;
}

/** True when `MLOPS_REQUIRE_SERVICES=1`: tests must fail rather than skip without their services. */
export function servicesRequired(): boolean {
  return process.env[requireServicesEnv] === '1' || process.env[requireServicesEnv] === 'true';
}

/**
 * The one policy for tests that need a real server: returns true if `service` is reachable.
 * Otherwise logs a loud banner and returns false, or, under `MLOPS_REQUIRE_SERVICES=1`, throws.
 */
export function requireServiceOrSkip(service: string, probe: ServiceProbe): boolean {
  const health = check(probe);
  if (health.ok) return true;
  const message = `${service} is not reachable: ${health.detail ?? 'probe failed'}`;
  if (servicesRequired()) throw new Error(`${message} (and ${requireServicesEnv}=1 is set, so this is a failure)`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPING ${service.toUpperCase()} TESTS: ${message}\n!! Start ${service}, or set ${requireServicesEnv}=1 to make this a failure.\n${bar}\n`);
  return false;
}

/**
 * `describe` for tests that need a real `service`: runs `fn` if the probe succeeds, else reports the
 * block as skipped (after a loud banner), or, under `MLOPS_REQUIRE_SERVICES=1`, as one failed test.
 */
export function describeWithService(service: string, probe: ServiceProbe, fn: () => void): void {
  const { describe, it } = jestGlobals();
  const title = `with ${service}`;
  let available: boolean;
  try {
    available = requireServiceOrSkip(service, probe);
  } catch (error) {
    describe(title, () => {
      it(`needs ${service}`, () => {
        throw error;
      });
    });
    return;
  }
  (available ? describe : describe.skip)(title, fn);
}
