// Browser tests of the built app (dist/, from `trunk build --release`), run by
// `cargo xtask test` on Debian's chromium: no browser can be downloaded here.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/browser.mjs';

const tablet = { hasTouch: true, isMobile: false, deviceScaleFactor: 1 };
// Another build directory and port can be tested side by side (TRIVSEL_DIST, TRIVSEL_PORT).
const dist = process.env.TRIVSEL_DIST || 'dist';
const port = process.env.TRIVSEL_PORT || '4173';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  webServer: {
    command: `node tests/e2e/serve.mjs ${dist} ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
  },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'tablet-landscape', use: { ...tablet, viewport: { width: 1024, height: 768 } } },
    { name: 'tablet-portrait', use: { ...tablet, viewport: { width: 768, height: 1024 } } },
  ],
});
