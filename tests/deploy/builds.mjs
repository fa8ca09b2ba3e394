// The builds an upgrade test moves one tablet between, at one origin
// (TRIVSEL_UPGRADE_URL, the project's baseURL), and the switch between them:
// nginx serves the build that upgrade/current.conf names, and switching is
// a reload of nginx, as the deployment guide does it. `cargo xtask test` sets
// these variables (crates/xtask/src/deploy.rs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the upgrade tests from \`cargo xtask test\``);
  return value;
};

/** The built directories: the baseline (the commit before versioned releases, as
 * tablets hold it today) and this release's app/, unpacked from its archive. */
export const BUILDS = {
  baseline: need('TRIVSEL_BASELINE_DIST'),
  release: need('TRIVSEL_RELEASE_APP'),
};

/** The processes nginx's master (its pid file in the prefix) has started: its workers. */
function workers() {
  const args = need('TRIVSEL_NGINX_ARGS').split('\n');
  const master = fs.readFileSync(path.join(args[args.indexOf('-p') + 1], 'nginx.pid'), 'utf8').trim();
  return fs.readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
    try {
      // /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces.
      return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === master;
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** Serves `build` ('baseline' or 'release') from the next request on: its
 * configuration becomes the current one and nginx reloads. This waits until the
 * origin serves that build's service worker and the workers of the previous
 * configuration have exited: until then the browser's open connections could
 * still reach one of them and get the previous build. */
export async function serve(build) {
  const conf = need('TRIVSEL_UPGRADE_CONF');
  fs.copyFileSync(path.join(conf, `${build}.conf`), path.join(conf, 'current.conf'));
  execFileSync(need('TRIVSEL_NGINX'), [...need('TRIVSEL_NGINX_ARGS').split('\n'), '-s', 'reload'], { stdio: 'inherit' });
  const worker = fs.readFileSync(path.join(BUILDS[build], 'sw.js'), 'utf8');
  const url = new URL('sw.js', need('TRIVSEL_UPGRADE_URL'));
  await expect.poll(() => fetch(url).then((r) => r.text()),
    { message: `the origin serves the ${build}`, timeout: 10_000 }).toBe(worker);
  await expect.poll(() => workers().length, { message: 'the previous configuration\'s workers have exited', timeout: 10_000 }).toBe(1);
}

/** The browser looks for a new version, as it does by itself now and then, and
 * installs it: it then waits to take over. */
export async function findUpdate(page) {
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting?.state ?? 'none')),
    { message: 'the new version is installed and waiting', timeout: 15_000 }).toBe('installed');
}

/** The cache a build's service worker keeps its files in (`trivsel-<VERSION>` of its sw.js). */
export function cacheOf(build) {
  const worker = fs.readFileSync(path.join(BUILDS[build], 'sw.js'), 'utf8');
  return `trivsel-${worker.match(/const VERSION = '([0-9a-f]+)';/)[1]}`;
}

/** The app closed (every window of it) and opened again, as a restart of the tablet
 * does: a new version that waits takes over then. Returns the new window once
 * `build` serves it. The worker takes over a moment after the last window has
 * closed, so a window opened sooner (still the old version's) is closed and
 * opened again. */
export async function reopen(page, build) {
  const context = page.context();
  await page.close();
  for (let attempt = 1; attempt <= 10; attempt++) {
    const next = await context.newPage();
    await next.goto('./');
    await expect.poll(() => next.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'),
      { message: 'a service worker controls the reopened app' }).toBe('activated');
    // A worker that has taken over keeps its own cache alone.
    const caches = await next.evaluate(() => caches.keys());
    if (caches.length === 1 && caches[0] === cacheOf(build)) return next;
    await next.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the ${build} did not take over when the app was closed and opened again`);
}
