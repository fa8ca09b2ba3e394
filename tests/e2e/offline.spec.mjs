// The app is loaded once; then the tablet loses its network, the page is
// reloaded, and a whole questionnaire is filled in, sent and scored offline,
// served by the service worker alone.
import { test, expect } from '@playwright/test';
import { answerAll, figure, handOver, newParticipant, sendAndUnlock, setPin } from './helpers.mjs';

test('load once, take the browser offline, reload, and complete a questionnaire with its scores shown', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByLabel('Ny PIN-kode')).toBeVisible();
  // The worker installs (precaching the build), activates and claims the page.
  const active = () => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state ?? 'none'));
  await expect.poll(active, { message: 'a service worker is active', timeout: 15_000 }).toBe('activated');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'),
    { message: 'the service worker controls the page' }).toBe('activated');

  await context.setOffline(true);
  const network = [];
  page.on('response', (r) => { if (!r.fromServiceWorker()) network.push(r.url()); });
  const reloaded = await page.reload();
  expect(reloaded.fromServiceWorker(), 'the offline reload is answered by the service worker').toBe(true);
  await expect(page.getByLabel('Ny PIN-kode')).toBeVisible();
  // The network really is gone: a URL the worker has not cached cannot be fetched.
  const uncached = await page.evaluate(() =>
    fetch(`index.html?offline-check=${Date.now()}`).then((r) => `HTTP ${r.status}`, (e) => e.name));
  expect(uncached).toBe('TypeError');

  await setPin(page);
  await newParticipant(page);
  await handOver(page);
  await answerAll(page, [5, 4, 3, 2, 1], 7);
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await sendAndUnlock(page);
  await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
  await expect(figure(page, 'Råscore')).toHaveText('15 af 25');
  await expect(figure(page, 'Procentscore')).toHaveText('60 af 100');
  await expect(figure(page, 'Trin på stigen')).toHaveText('7 af 10');
  expect(network, 'nothing came from the network while offline').toEqual([]);
});
