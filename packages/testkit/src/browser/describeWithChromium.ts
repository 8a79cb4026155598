import type { Browser } from 'playwright-core';
import { jestGlobals } from '../lib/jestGlobals';
import { describeWithService } from '../services/describeWithService';
import { chromiumEnv, findChromium, hasPlaywrightCore, launchChromium } from './chromium';

/**
 * `describe` for tests that drive a real headless Chromium: launches one browser for the block and
 * closes it after. Without the executable (Debian's `chromium`, or `$MLOPS_CHROMIUM`) or without
 * `playwright-core` the block is skipped with a loud banner, or fails under `MLOPS_REQUIRE_SERVICES=1`,
 * like {@link describeWithService}. `fn` gets a getter for the browser.
 */
export function describeWithChromium(fn: (browser: () => Browser) => void): void {
  const probe = () => {
    if (!findChromium()) return { ok: false, detail: `no executable at ${process.env[chromiumEnv] || '/usr/bin/chromium'} (apt-get install chromium, or set ${chromiumEnv})` };
    if (!hasPlaywrightCore()) return { ok: false, detail: 'playwright-core is not installed (add it as a devDependency)' };
    return { ok: true };
  };
  describeWithService('chromium', probe, () => {
    const { afterAll, beforeAll } = jestGlobals();
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 90_000);
    afterAll(() => browser?.close());
    fn(() => {
      if (!browser) throw new Error('Chromium did not start (see the beforeAll failure)');
      return browser;
    });
  });
}
