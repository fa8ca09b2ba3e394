// No data leaves the device except through an export the counsellor makes:
// every request of a whole youth + counsellor + export + evaluator session,
// the service worker's and the counsellor's bundle's included, goes to the
// app's own origin, and there to the app's own path (served under a
// sub-path, it asks for nothing above it).
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { answerAll, button, freshYouth, press, sendAndUnlock, unlock } from './helpers.mjs';

const fixture = (name) => path.resolve('tests/fixtures/export', name);

/** Whether `url` is a request that leaves `origin`. In-memory URLs are not
 * network requests: data: has no origin, and a blob:'s origin is the page's
 * own (an export being saved). */
const leaves = (url, origin) => !url.startsWith('data:') && new URL(url).origin !== origin;

/** Whether `url` is a network request outside the app's path `base` (ending in "/"). */
const outside = (url, base) => !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(base);

/** The app's path as a URL ending in "/": the base URL the tests run against. */
const appBase = (baseURL) => new URL('./', baseURL.endsWith('/') ? baseURL : `${baseURL}/`).href;

test('a full session requests nothing outside its own origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const seen = [];
  // The context sees the page's requests and the service worker's.
  context.on('request', (request) => seen.push(request.url()));

  await freshYouth(page);
  await answerAll(page, [4, 3, 2, 4, 3], 6);
  await sendAndUnlock(page);
  await press(button(page, 'Til deltageren'));
  await press(button(page, 'Alle deltagere'));
  await press(page.getByRole('link', { name: 'Eksportér', exact: true }));
  await unlock(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    press(button(page, 'Eksportér 1 besvarelse')),
  ]);
  const exported = await download.path();
  await page.reload();
  // The tablet's part alone (the young person's screens, the counsellor's, loaded as a bundle
  // of their own, and the export page) stayed at home.
  expect(seen.some((u) => new URL(u).pathname.includes('/radgiver/')), 'the counsellor\'s bundle was loaded').toBe(true);
  expect(seen.filter((u) => leaves(u, origin)), 'requests of the tablet that left the origin').toEqual([]);

  // The evaluator's page, with the tablet's export and a frozen fixture.
  await page.goto('./evaluator/');
  await expect(page.getByRole('heading', { name: 'Evaluering', level: 1 })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles([exported, fixture('v1-tablet-a.json')]);
  await expect(page.getByRole('table').first()).toBeVisible();

  expect(seen.length).toBeGreaterThan(5);
  expect(seen.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(seen.filter((u) => leaves(u, origin)), 'requests that left the origin').toEqual([]);
  expect(seen.filter((u) => outside(u, appBase(baseURL))), `requests outside ${appBase(baseURL)}`).toEqual([]);
});

test('the check can fail, and the CSP stops a request to another origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  expect(leaves(`${origin}/sw.js`, origin)).toBe(false);
  expect(leaves(`blob:${origin}/0f8fad5b-d9cb-469f-a165-70867728950e`, origin)).toBe(false);
  expect(leaves('http://example.invalid/beacon', origin)).toBe(true);
  expect(leaves('blob:http://example.invalid/0f8fad5b', origin)).toBe(true);
  expect(leaves(origin.replace('127.0.0.1', 'localhost'), origin)).toBe(true);
  expect(outside(`${origin}/trivsel/sw.js`, `${origin}/trivsel/`)).toBe(false);
  expect(outside(`${origin}/sw.js`, `${origin}/trivsel/`)).toBe(true);
  expect(outside(`blob:${origin}/0f8fad5b`, `${origin}/trivsel/`)).toBe(false);

  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto('./');
  const violated = await page.evaluate(async () => {
    const violation = new Promise((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective)));
    const fetched = await fetch('http://example.invalid/beacon').then(() => 'sent', () => 'refused');
    return [fetched, await violation];
  });
  expect(violated).toEqual(['refused', 'connect-src']);
  expect(seen.filter((u) => leaves(u, origin))).toEqual([]);
});
