// A tablet in use is upgraded to this release: it holds data written by the
// baseline (the build of the commit before versioned releases) and a
// questionnaire in progress when the server gets the new version. The update
// is never offered while the young person answers; the counsellor gets it,
// unlocks once with the old PIN, chooses the passphrase that now seals the
// stored data, and every record and every answer is there. There is no rollback
// to the baseline: this release seals the stored data in a newer database
// version, which the baseline cannot open (docs/deployment.md says so).
import { test, expect } from '@playwright/test';
import {
  PIN, button, choosePassphrase, controlled, figure, handOver, newParticipant, press, setOldPin, unlock, version, who5,
  who5Label,
} from '../e2e/helpers.mjs';
import { findUpdate, reopen, serve } from './builds.mjs';

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

/** This release on data from the baseline: the old PIN unlocks once, then a passphrase is
 * chosen and the stored data is sealed. */
async function migrate(page) {
  await unlock(page, PIN);
  await expect(page.getByRole('heading', { name: 'Vælg en adgangssætning' })).toBeVisible();
  await choosePassphrase(page);
}

/** Taps "Opdatér nu" and waits for the page to reload into the version that took over. */
async function update(page) {
  await expect(offer(page)).toBeVisible();
  await Promise.all([page.waitForEvent('load'), press(button(page, 'Opdatér nu'))]);
  await expect(page.getByLabel('PIN-kode', { exact: true })).toBeVisible();
}

test('upgrade from the baseline mid-questionnaire: offered only to the counsellor, sealed after one unlock, nothing lost', async ({ page }) => {
  test.setTimeout(120_000);
  await serve('baseline');
  await page.goto('./');
  await controlled(page);
  // The baseline's data: a participant with one measurement, and a second under way.
  await setOldPin(page);
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
  await migrate(page);
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  await expect(page.locator('.warn')).toHaveCount(0);
  expect(await history(page, code)).toEqual([['Indskrivning', '64'], ['Undervejs, samtale 1', '72']]);
  await press(button(page, 'Alle deltagere'));
  await press(button(page, 'Indstillinger'));
  await expect(page.getByText(`Version ${version}`, { exact: true })).toBeVisible();
  await press(button(page, 'Annullér'));
});

test('closed mid-questionnaire and opened again on the new version: the questionnaire resumes with its answers', async ({ page: first }) => {
  await serve('baseline');
  await first.goto('./');
  await controlled(first);
  await setOldPin(first);
  const code = await newParticipant(first);
  await handOver(first, 'Indskrivning');
  await press(button(first, 'Start'));
  await answer(first, 0, [1, 2]);

  // The server gets this release; the tablet finds it, and is then restarted at question 3.
  await serve('release');
  await findUpdate(first);
  const page = await reopen(first, 'release');
  // The older data is sealed first, on the counsellor's word; then the young person goes on.
  await migrate(page);
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
