// The app is loaded once; then the tablet loses its network, the page is
// reloaded, and a whole questionnaire is filled in, sent and scored offline,
// served by the service worker alone. The counsellor's screens, a bundle the
// first page loads only once the PIN is right (dist/radgiver/), were never
// loaded before the network went: they work offline because the worker
// precached them with the first load.
import { test, expect } from '@playwright/test';
import { answerAll, button, controlled, figure, handOver, newParticipant, press, sendAndUnlock, setPin } from './helpers.mjs';

test('load once, take the browser offline, reload, and complete a questionnaire with its scores shown', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByLabel('Ny adgangssætning')).toBeVisible();
  // The worker installs (precaching the build), activates and claims the page.
  await controlled(page);

  // Online, only the first page was loaded: nothing of the counsellor's screens yet.
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/radgiver/'))),
    'the counsellor\'s screens were not loaded online').toBe(false);
  await context.setOffline(true);
  const network = [];
  const fromWorker = [];
  page.on('response', (r) => (r.fromServiceWorker() ? fromWorker : network).push(r.url()));
  const reloaded = await page.reload();
  expect(reloaded.fromServiceWorker(), 'the offline reload is answered by the service worker').toBe(true);
  await expect(page.getByLabel('Ny adgangssætning')).toBeVisible();
  // The network really is gone: a URL the worker has not cached cannot be fetched.
  const uncached = await page.evaluate(() =>
    fetch(`index.html?offline-check=${Date.now()}`).then((r) => `HTTP ${r.status}`, (e) => e.name));
  expect(uncached).toBe('TypeError');

  await setPin(page);
  // The counsellor's screens came from the worker's cache: their entry, JS and wasm.
  const radgiver = fromWorker.filter((u) => new URL(u).pathname.includes('/radgiver/'));
  expect(radgiver.some((u) => u.endsWith('/radgiver/entry.js')), `counsellor's entry from the worker: ${radgiver}`).toBe(true);
  expect(radgiver.some((u) => u.endsWith('.wasm')), `counsellor's wasm from the worker: ${radgiver}`).toBe(true);
  await newParticipant(page);
  await handOver(page);
  await answerAll(page, [5, 4, 3, 2, 1], 7);
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await sendAndUnlock(page);
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('15 af 25');
  await expect(figure(page, 'Procentscore (0–100)')).toHaveText('60 af 100');
  await expect(figure(page, 'Trin på stigen (0–10)')).toHaveText('7 af 10');
  // The counsellor's screens keep working offline after the hand-over and back: the participant's history.
  await press(button(page, 'Til deltageren'));
  await expect(page.locator('table.history tbody tr')).toHaveCount(1);
  await expect(page.locator('figure.chart')).toHaveCount(2);
  expect(network, 'nothing came from the network while offline').toEqual([]);
});
