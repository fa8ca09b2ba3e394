// A tablet in use is upgraded to this release, and rolled back: it holds data
// written by the baseline (the build of the commit before versioned releases)
// and a questionnaire in progress when the server gets the new version. The
// update is never offered while the young person answers, nor on the screen
// they are left on after sending; the counsellor gets it, and after switching
// every record and every answer is there. Rolling back to the older archive
// (the stored data's format is the same) goes the same way in reverse.
import { test, expect } from '@playwright/test';
import {
  button, figure, handOver, newParticipant, press, setPin, unlock, version, who5, who5Label,
} from '../e2e/helpers.mjs';
import { controlled, findUpdate, reopen, serve } from './builds.mjs';

const offer = (page) => page.getByText('En ny version af Trivsel er klar.');
const versionLine = (page) => page.getByText(/^Version /);

/** Answers WHO-5 items `from`… with `values`, checking each question is shown. */
async function answer(page, from, values) {
  for (const [i, value] of values.entries()) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[from + i].text.da);
    await press(button(page, who5Label(value)));
  }
}

/** The counsellor's history of the participant: the measurement point and WHO-5 % of each row. */
async function history(page, code) {
  await press(page.getByRole('button', { name: `Åbn deltager ${code}` }));
  const rows = page.locator('table.history tbody tr');
  await expect(rows.first()).toBeVisible();
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
  return cells.map((c) => c.slice(1, 3));
}

/** Taps "Opdatér nu" and waits for the page to reload into the version that took over. */
async function update(page) {
  await expect(offer(page)).toBeVisible();
  await Promise.all([page.waitForEvent('load'), press(button(page, 'Opdatér nu'))]);
  await expect(page.getByLabel('PIN-kode', { exact: true })).toBeVisible();
}

test('upgrade from the baseline mid-questionnaire, then roll back: offered only to the counsellor, nothing lost', async ({ page }) => {
  test.setTimeout(120_000);
  await serve('baseline');
  await page.goto('./');
  await controlled(page);
  // The baseline's data: a participant with one measurement, and a second under way.
  await setPin(page);
  const code = await newParticipant(page);
  await handOver(page, 'Indskrivning');
  await press(button(page, 'Start'));
  await answer(page, 0, [4, 4, 3, 3, 2]);
  await press(button(page, '6'));
  await press(button(page, 'Send svar'));
  await press(button(page, 'Rådgiver'));
  await unlock(page);
  await expect(figure(page, 'Procentscore')).toHaveText('64 af 100');
  await press(button(page, 'Til deltageren'));
  await handOver(page, 'Undervejs', 1);
  await press(button(page, 'Start'));
  await answer(page, 0, [5, 4]);

  // The server gets this release while the young person is at question 3.
  await serve('release');
  await findUpdate(page);
  await expect(offer(page)).toBeHidden();
  // The tablet restarts: the baseline still runs (the new version waits) and resumes.
  await page.reload();
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await expect(offer(page)).toBeHidden();
  await answer(page, 2, [3, 3, 3]);
  await press(button(page, '7'));
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await expect(offer(page)).toBeHidden();
  await press(button(page, 'Send svar'));
  await expect(page.getByRole('heading', { name: 'Tak for dine svar' })).toBeVisible();
  await press(button(page, 'Rådgiver'));
  await unlock(page);
  // 5, 4, 3, 3, 3: 18 of 25, the answers before and after the restart together.
  await expect(figure(page, 'Procentscore')).toHaveText('72 af 100');
  await expect(figure(page, 'Trin på stigen')).toHaveText('7 af 10');

  // The counsellor switches: this release runs, with every record.
  await update(page);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  await expect(page.locator('.warn')).toHaveCount(0);
  expect(await history(page, code)).toEqual([['Indskrivning', '64'], ['Undervejs, samtale 1', '72']]);
  await press(button(page, 'Alle deltagere'));
  await press(button(page, 'Indstillinger'));
  await expect(page.getByText(`Version ${version}`, { exact: true })).toBeVisible();
  await press(button(page, 'Annullér'));

  // Rollback: the server goes back to the baseline during the next questionnaire. The
  // browser finds it and starts fetching it, slowly (its pages are held back here); the
  // tablet restarts meanwhile, and the app (from its cache at once) starts while the
  // older version is still installing: it must notice it once installed.
  await press(page.getByRole('button', { name: `Åbn deltager ${code}` }));
  await handOver(page, 'Afslutning');
  await press(button(page, 'Start'));
  await answer(page, 0, [5]);
  await serve('baseline');
  let letThrough;
  const held = new Promise((resolve) => { letThrough = resolve; });
  const pages = /\/index\.html$/;
  await page.context().route(pages, async (route) => { await held; await route.continue(); });
  const state = (which) => page.evaluate((w) => navigator.serviceWorker.getRegistration().then((r) => r[w]?.state ?? 'none'), which);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => { r.update(); }));
  await expect.poll(() => state('installing'), { message: 'the older version is being fetched' }).toBe('installing');
  await page.reload();
  await expect(page.getByText('Spørgsmål 2 af 5')).toBeVisible();
  expect(await state('installing'), 'the older version is still installing while the app runs').toBe('installing');
  letThrough();
  await expect.poll(() => state('waiting'), { message: 'the older version is installed and waiting' }).toBe('installed');
  await page.context().unroute(pages);
  await expect(offer(page)).toBeHidden();
  await answer(page, 1, [5, 5, 4, 4]);
  await press(button(page, '8'));
  await expect(offer(page)).toBeHidden();
  await press(button(page, 'Send svar'));
  // This release keeps the offer off the thank-you screen too: the young person may still hold the tablet.
  await expect(page.getByRole('heading', { name: 'Tak for dine svar' })).toBeVisible();
  await expect(offer(page)).toBeHidden();
  await press(button(page, 'Rådgiver'));
  await unlock(page);
  await expect(figure(page, 'Procentscore')).toHaveText('92 af 100');
  await update(page);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  await expect(page.locator('.warn')).toHaveCount(0);
  expect(await history(page, code)).toEqual([['Indskrivning', '64'], ['Undervejs, samtale 1', '72'], ['Afslutning', '92']]);
  // The baseline has no version line: it is the baseline that runs.
  await press(button(page, 'Alle deltagere'));
  await press(button(page, 'Indstillinger'));
  await expect(page.getByRole('heading', { name: 'Indstillinger' })).toBeVisible();
  await expect(versionLine(page)).toHaveCount(0);
});

test('closed mid-questionnaire and opened again on the new version: the questionnaire resumes with its answers', async ({ page: first }) => {
  await serve('baseline');
  await first.goto('./');
  await controlled(first);
  await setPin(first);
  const code = await newParticipant(first);
  await handOver(first, 'Indskrivning');
  await press(button(first, 'Start'));
  await answer(first, 0, [1, 2]);

  // The server gets this release; the tablet finds it, and is then restarted at question 3.
  await serve('release');
  await findUpdate(first);
  const page = await reopen(first, 'release');
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await press(button(page, 'Tilbage'));
  await expect(button(page, who5Label(2))).toHaveAttribute('aria-pressed', 'true');
  await press(button(page, who5Label(2)));
  await answer(page, 2, [3, 4, 5]);
  await press(button(page, '5'));
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await press(button(page, 'Send svar'));
  await press(button(page, 'Rådgiver'));
  await unlock(page);
  // 1, 2, 3, 4, 5: 15 of 25, the answers given before the restart kept.
  await expect(figure(page, 'Procentscore')).toHaveText('60 af 100');
  await expect(offer(page)).toBeHidden();
  await press(button(page, 'Til deltageren'));
  await press(button(page, 'Alle deltagere'));
  expect(await history(page, code)).toEqual([['Indskrivning', '60']]);
  await press(button(page, 'Alle deltagere'));
  await press(button(page, 'Indstillinger'));
  await expect(page.getByText(`Version ${version}`, { exact: true })).toBeVisible();
});
