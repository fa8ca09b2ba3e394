// The release as nginx serves it with the configuration the release ships:
// under a sub-path of a shared site (TRIVSEL_NGINX_URL) and on a site of its
// own over HTTPS (TRIVSEL_SITE_URL, self-signed here). Every response carries
// the security headers; each page has its own Content-Security-Policy naming
// the hash of the loader script it really serves, never 'unsafe-inline';
// hashed files are cached for a year, pages, the service worker and the
// counsellor's entry (radgiver/entry.js, a fixed name) never; the service
// worker precaches every file of the tablet's pages, the counsellor's bundle
// included; wasm is application/wasm; the HTTPS site adds HSTS, its HTTP side
// only redirects.
import crypto from 'node:crypto';
import { test, expect, request } from '@playwright/test';
import { setPin, unlock } from '../e2e/helpers.mjs';

const SUB = process.env.TRIVSEL_NGINX_URL;
const SITE = process.env.TRIVSEL_SITE_URL;
const SITE_HTTP = process.env.TRIVSEL_SITE_HTTP_URL;

const PAGES = [
  '', 'index.html', 'radgiver/', 'radgiver/index.html', 'eksport/', 'eksport/index.html', 'evaluator/', 'evaluator/index.html',
];

let api;
test.beforeAll(async () => {
  api = await request.newContext({ ignoreHTTPSErrors: true });
});
test.afterAll(async () => api.dispose());

/** GET `url`, not following a redirect. */
const get = (url, headers = {}) => api.get(url, { maxRedirects: 0, headers });

/** The headers every response of the app carries, whatever it is. */
function expectSecurityHeaders(response, label) {
  const h = response.headers();
  expect(h['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect(h['referrer-policy'], `${label}: Referrer-Policy`).toBe('no-referrer');
  expect(h['x-frame-options'], `${label}: X-Frame-Options`).toBe('DENY');
  expect(h['cross-origin-opener-policy'], `${label}: COOP`).toBe('same-origin');
  expect(h['cross-origin-resource-policy'], `${label}: CORP`).toBe('same-origin');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(h['permissions-policy'], `${label}: Permissions-Policy`).toContain(`${feature}=()`);
  }
  expect(h.server, `${label}: the server does not name its version`).toBe('nginx');
}

/** The hash, as a CSP source, of the page's one inline script (Trunk's loader). */
function loaderSource(html) {
  const scripts = [...html.matchAll(/<script type="?module"?>([\s\S]*?)<\/script>/g)];
  expect(scripts, 'one inline loader script').toHaveLength(1);
  return `'sha256-${crypto.createHash('sha256').update(scripts[0][1], 'utf8').digest('base64')}'`;
}

/** A policy as a map from directive to its sources. */
const directives = (policy) => new Map(policy.split(';').map((d) => d.trim()).filter(Boolean)
  .map((d) => { const [name, ...sources] = d.split(/\s+/); return [name, sources]; }));

/** The policy of the page's CSP meta tag. */
function metaPolicy(html) {
  const tag = html.match(/<meta [^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i);
  expect(tag, 'a CSP meta tag').not.toBeNull();
  return tag[0].match(/content="([^"]*)"/)[1];
}

/** The hashed files a page loads, relative to the page: Trunk names them `name-<hash>`,
 * the hash in hex without leading zeros. */
const hashedFiles = (html) => [...new Set(html.match(/[\w-]+-[0-9a-f]{1,16}(?:_bg\.wasm|\.js|\.css)/g))];

for (const [where, base] of [['under /trivsel/ over HTTP', SUB], ['on its own HTTPS site', SITE]]) {
  test(`${where}: each page has its own policy with its own loader's hash, and is never cached`, async () => {
    const hashes = new Set();
    for (const page of PAGES) {
      const response = await get(base + page);
      const label = `${base}${page}`;
      expect(response.status(), label).toBe(200);
      expect(response.headers()['content-type'], label).toBe('text/html; charset=utf-8');
      expect(response.headers()['cache-control'], label).toBe('no-cache');
      expectSecurityHeaders(response, label);
      const html = await response.text();
      const policy = response.headers()['content-security-policy'];
      expect(policy, `${label}: a CSP header`).toBeTruthy();
      expect(policy, label).not.toContain("'unsafe-inline'");
      expect(policy, label).not.toContain("'unsafe-eval'");
      const header = directives(policy);
      const loader = loaderSource(html);
      expect(header.get('script-src'), `${label}: script-src`).toEqual(["'self'", "'wasm-unsafe-eval'", loader]);
      expect(header.get('default-src'), label).toEqual(["'none'"]);
      expect(header.get('frame-ancestors'), label).toEqual(["'none'"]);
      // The header says what the page's own meta policy says, plus what only a header can.
      const meta = directives(metaPolicy(html));
      expect([...header].filter(([name]) => name !== 'frame-ancestors'), label).toEqual([...meta]);
      hashes.add(loader);
    }
    expect(hashes.size, 'the app, counsellor, export and evaluator pages each have their own loader').toBe(4);
  });

  test(`${where}: hashed files are cached for a year, wasm is application/wasm and gzipped`, async () => {
    for (const page of ['', 'eksport/', 'evaluator/']) {
      const html = await (await get(base + page)).text();
      const files = hashedFiles(html);
      expect(files.filter((f) => f.endsWith('_bg.wasm')), `${page || 'app'}: one wasm`).toHaveLength(1);
      expect(files.filter((f) => f.endsWith('.js')), `${page || 'app'}: its glue`).toHaveLength(1);
      expect(files.filter((f) => f.endsWith('.css')).length, `${page || 'app'}: its styles`).toBeGreaterThan(0);
      for (const file of files) {
        const url = base + page + file;
        const response = await get(url, { 'Accept-Encoding': 'gzip' });
        expect(response.status(), url).toBe(200);
        expect(response.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
        expectSecurityHeaders(response, url);
        const type = { '.wasm': 'application/wasm', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }[file.match(/\.\w+$/)[0]];
        expect(response.headers()['content-type'], url).toBe(type);
        expect(response.headers()['content-encoding'], `${url} is sent gzipped`).toBe('gzip');
      }
    }
  });

  test(`${where}: the counsellor's entry is never cached, the bundle it names is cached for a year, and the worker precaches them`, async () => {
    const entry = await get(`${base}radgiver/entry.js`, { 'Accept-Encoding': 'gzip' });
    expect(entry.status()).toBe(200);
    expect(entry.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expect(entry.headers()['cache-control'], 'a fixed name: a cached one would keep an old bundle').toBe('no-cache');
    expectSecurityHeaders(entry, 'radgiver/entry.js');
    // What it imports, relative to itself: this build's hashed glue and wasm.
    const named = hashedFiles(await entry.text());
    expect(named.filter((f) => f.endsWith('_bg.wasm')), 'the entry names one wasm').toHaveLength(1);
    expect(named.filter((f) => f.endsWith('.js')), 'the entry names its glue').toHaveLength(1);
    for (const file of named) {
      const url = `${base}radgiver/${file}`;
      const response = await get(url, { 'Accept-Encoding': 'gzip' });
      expect(response.status(), url).toBe(200);
      expect(response.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
      expect(response.headers()['content-encoding'], `${url} is sent gzipped`).toBe('gzip');
    }
    // The worker's precache list: relative to it, every file there, the counsellor's included.
    const worker = await (await get(`${base}sw.js`)).text();
    const precache = JSON.parse(worker.match(/const PRECACHE = (\[.*\]);/)[1]);
    for (const file of ['index.html', 'radgiver/entry.js', ...named.map((f) => `radgiver/${f}`), 'eksport/index.html']) {
      expect(precache, `the worker precaches ${file}`).toContain(file);
    }
    for (const file of precache) {
      expect(file, 'a path relative to the worker').not.toMatch(/^\/|:\/\//);
      expect((await get(base + file)).status(), `${base}${file}`).toBe(200);
    }
  });

  test(`${where}: the service worker is never cached and has its own policy; the manifest and icons are revalidated`, async () => {
    const sw = await get(`${base}sw.js`);
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-security-policy']).toBe("default-src 'none'; connect-src 'self'");
    expectSecurityHeaders(sw, 'sw.js');
    for (const [file, type] of [['manifest.webmanifest', 'application/manifest+json; charset=utf-8'], ['icons/icon-192.png', 'image/png']]) {
      const response = await get(base + file);
      expect(response.status(), file).toBe(200);
      expect(response.headers()['content-type'], file).toBe(type);
      expect(response.headers()['cache-control'], file).toBe('no-cache');
      expectSecurityHeaders(response, file);
    }
    const missing = await get(`${base}no-such-file.js`);
    expect(missing.status()).toBe(404);
    expectSecurityHeaders(missing, 'a missing file');
  });
}

test('the HTTPS site sends HSTS on every response, and its HTTP side only redirects to HTTPS', async () => {
  for (const path of ['', 'sw.js', 'manifest.webmanifest', 'no-such-file.js']) {
    const hsts = (await get(SITE + path)).headers()['strict-transport-security'];
    expect(hsts, `HSTS on ${path || '/'}`).toBe('max-age=31536000');
  }
  const plain = await get(`${SITE_HTTP}eksport/?x=1`);
  expect(plain.status()).toBe(301);
  expect(plain.headers().location).toBe('https://127.0.0.1/eksport/?x=1');
  expect(await plain.text()).not.toContain('Trivsel');
});

test('a directory without its "/" redirects to it, by path only', async () => {
  const bare = await get(SUB.replace(/\/$/, '') + '/evaluator');
  expect(bare.status()).toBe(301);
  expect(bare.headers().location).toBe(`${new URL(SUB).pathname}evaluator/`);
});

/** What Chromium says about a header it refuses, cannot parse or ignores. */
const POLICY_WORDS = /Content.Security.Policy|Permissions.Policy|Feature.Policy|Cross-Origin|X-Frame-Options|Strict-Transport|Refused|frame-ancestors|MIME type/i;

test('in the browser, the app under the sub-path loads with no complaint about its policies', async ({ page }) => {
  const complaints = [];
  page.on('console', (m) => { if (POLICY_WORDS.test(m.text())) complaints.push(m.text()); });
  page.on('pageerror', (e) => complaints.push(String(e)));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(SUB);
  await expect(page.getByLabel('Ny PIN-kode')).toBeVisible();
  // The PIN opens the counsellor's screens in the page: their bundle, imported and
  // compiled under the tablet page's policy, from the sub-path.
  await setPin(page);
  expect(requests).toContain(`${SUB}radgiver/entry.js`);
  expect(requests.filter((u) => u.endsWith('_bg.wasm') && u.startsWith(`${SUB}radgiver/`)), 'the counsellor\'s wasm').toHaveLength(1);
  // The export page asks for the passphrase, and with it unwraps the key and opens the
  // stored data (WebCrypto under the export page's own policy).
  await page.goto(`${SUB}eksport/`);
  await expect(page.getByLabel('Adgangssætning', { exact: true })).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Sikkerhedskopi', exact: true })).toBeVisible();
  await page.goto(`${SUB}evaluator/`);
  await expect(page.getByRole('heading', { name: 'Evaluering', level: 1 })).toBeVisible();
  expect(complaints).toEqual([]);
});
