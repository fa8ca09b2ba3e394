// The release behind a real web server: `cargo xtask test` unpacks the release
// archive, serves it with Debian's nginx and the configuration it ships, and
// runs these projects against it (crates/xtask/src/deploy.rs sets the URLs):
// - nginx-subpath: the offline, network and youth-flow specs, with the app
//   under /trivsel/ of a site it does not have to itself;
// - nginx-headers: every response header, over HTTP and the shipped HTTPS site;
// - upgrade: a tablet holding the baseline's data (the build of the commit
//   before versioned releases, TRIVSEL_BASELINE_DIST) upgraded to this release
//   in the middle of a questionnaire (its data sealed). Every tests/deploy/
//   upgrade*.spec.mjs runs here, at an origin whose build the spec switches.
// Same browser and settings as playwright.config.mjs, one tablet size.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.mjs';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: these tests run from \`cargo xtask test\`, which starts nginx`);
  return value;
};

const { webServer: _own, projects, use, testDir: _e2e, ...settings } = base;
const landscape = { ...use, ...projects.find((p) => p.name === 'tablet-landscape').use };

export default defineConfig({
  ...settings,
  projects: [
    {
      name: 'nginx-subpath',
      testDir: 'tests/e2e',
      testMatch: /\/(offline|network|youth-flow)\.spec\.mjs$/,
      use: { ...landscape, baseURL: need('TRIVSEL_NGINX_URL') },
    },
    {
      name: 'nginx-headers',
      testDir: 'tests/deploy',
      testMatch: /\/headers\.spec\.mjs$/,
      use: { ...landscape, baseURL: need('TRIVSEL_NGINX_URL') },
    },
    {
      name: 'upgrade',
      testDir: 'tests/deploy',
      testMatch: /\/upgrade[^/]*\.spec\.mjs$/,
      use: { ...landscape, baseURL: need('TRIVSEL_UPGRADE_URL') },
    },
  ],
});
