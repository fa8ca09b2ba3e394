// Responses persist on the tablet, the counsellor PIN gate holds, and history
// shows change since intake under both criteria.
import { test, expect } from '@playwright/test';
import {
  PIN, button, figure, freshYouth, headers, measure, newParticipant, resumeAfterReload, rowTexts, setPin, unlock, version, who5,
  who5Label,
} from './helpers.mjs';

test('a reload mid-questionnaire resumes at the same question with the same answers once the counsellor unlocks', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  await button(page, who5Label(4)).tap();
  await button(page, who5Label(2)).tap();
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await page.reload();
  // Nothing of the answers shows before the passphrase: the screen says calmly they are saved.
  await expect(page.getByText(/Spørgsmål \d af 5/)).toHaveCount(0);
  await expect(page.getByText(who5Label(4), { exact: true })).toHaveCount(0);
  await resumeAfterReload(page);
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[2].text.da);
  await button(page, 'Tilbage').tap();
  await expect(button(page, who5Label(2))).toHaveAttribute('aria-pressed', 'true');
  await button(page, 'Tilbage').tap();
  await expect(button(page, who5Label(4))).toHaveAttribute('aria-pressed', 'true');
});

test('the PIN gate holds against URLs, history and the back button', async ({ page }) => {
  const code = await freshYouth(page);
  for (const path of ['/#/deltagere', '/deltagere', '/?screen=home', '/#home']) {
    await page.goto(path);
    // A new page load holds no key: the questionnaire in progress waits, sealed, and shows
    // nothing, not even the young person's code. A change of the URL's fragment alone keeps
    // the page, and the young person's start screen with their own code.
    const start = page.getByRole('heading', { name: 'Hvordan har du haft det?' });
    const waiting = page.getByRole('heading', { name: 'Dine svar er gemt' });
    await expect(start.or(waiting)).toBeVisible();
    if (await waiting.isVisible()) await expect(page.getByText(code)).toHaveCount(0);
    else await expect(page.getByText(code)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Deltagere' })).toHaveCount(0);
  }
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toHaveCount(0);
  await page.goto('./');
  await resumeAfterReload(page);
  // The passphrase resumes the young person's questionnaire, not the counsellor's area.
  await expect(page.getByRole('heading', { name: 'Hvordan har du haft det?' })).toBeVisible();
  await expect(page.getByText(code)).toBeVisible(); // the young person's own code only
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toHaveCount(0);
  await button(page, 'Start').tap();
  for (let i = 0; i < 5; i++) await button(page, who5Label(3)).tap();
  await button(page, '5').tap();
  await button(page, 'Send svar').tap();
  await expect(page.getByRole('heading', { name: 'Tak for dine svar' })).toBeVisible();
  // While the app runs and holds the key, the PIN unlocks. Wrong PINs: a clear message, then a
  // wait that grows.
  await button(page, 'Rådgiver').tap();
  await expect(page.getByRole('heading', { name: 'Rådgiver' })).toBeVisible();
  for (let i = 0; i < 3; i++) {
    await unlock(page, '000000');
    await expect(page.getByRole('alert')).toHaveText('Forkert PIN-kode.');
  }
  await unlock(page, '000000');
  await expect(page.getByRole('alert')).toHaveText(/Forkert PIN-kode\. For mange forkerte forsøg\. Prøv igen om 5 sekunder\./);
  // Even the right PIN waits out the lockout.
  await unlock(page, PIN);
  await expect(page.getByRole('alert')).toHaveText(/Prøv igen om \d sekunder/);
  await expect(page.getByRole('heading', { name: 'Resultat' })).toHaveCount(0);
  await page.waitForTimeout(5200);
  await unlock(page, PIN);
  await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();

  // Back in the browser's history, then a reload: the key is gone, the prompt takes only the
  // passphrase, and the PIN is no passphrase.
  await page.goBack();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Rådgiver' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toHaveCount(0);
  await expect(page.getByText(/Råscore|af 25/)).toHaveCount(0);
  await expect(page.getByLabel('PIN-kode', { exact: true })).toHaveCount(0);
  await unlock(page, PIN);
  await expect(page.getByRole('alert')).toHaveText('Forkert adgangssætning.');
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toHaveCount(0);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
});


test('history: 40 → 52 is bedring under the 10-point rule but not a reliable change; 40 → 64 is both', async ({ page }) => {
  await page.goto('./');
  await setPin(page);
  const code = await newParticipant(page, { gender: 'Dreng', age: '18–20 år', course: 'Gruppeforløb' });
  await measure(page, 'Indskrivning', [2, 2, 2, 2, 2], 5);     // 40
  await measure(page, 'Undervejs', [3, 3, 3, 2, 2], 6, 1);     // 52
  await measure(page, 'Afslutning', [3, 3, 3, 3, 4], 7);       // 64
  await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();
  // The history: one column per tracked score, named by its short name, and the flagged answers.
  const history = page.locator('table.history');
  await expect(history.locator('caption')).toHaveText('Målinger');
  expect(await headers(history)).toEqual(['Dato', 'Målepunkt', 'WHO-5 %', 'Stige 0–10', 'Markerede svar', 'Handlinger']);
  const rows = history.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const cells = await rowTexts(rows);
  expect(cells[0].slice(1, 5)).toEqual(['Indskrivning', '40', '5', '–']);
  expect(cells[1].slice(1, 5)).toEqual(['Undervejs, samtale 1', '52', '6', '–']);
  expect(cells[2].slice(1, 5)).toEqual(['Afslutning', '64', '7', '–']);
  // The change since intake: one table per score with criteria (WHO-5's percentage only),
  // one row per later measurement, each criterion in its own column, never merged.
  const changes = page.locator('table.changes');
  await expect(changes).toHaveCount(1);
  await expect(changes.locator('caption')).toHaveText(
    'Ændring i procentscore (0–100) siden indskrivning. 10-point-reglen: en forskel på mindst 10 point tæller. Pålidelig ændring: mere end 23,6 point.',
  );
  expect(await headers(changes)).toEqual(['Målepunkt', 'Fra → til', 'Ændring', '10-point-reglen', 'Pålidelig ændring']);
  const changeRows = changes.locator('tbody tr');
  await expect(changeRows).toHaveCount(2);
  const change = await rowTexts(changeRows);
  expect(change[0][0]).toMatch(/^Undervejs, samtale 1 \(\d{4}-\d{2}-\d{2}\)$/);
  expect(change[0].slice(1)).toEqual(['40 → 52', '+12', 'bedring', 'uændret']);
  expect(change[1][0]).toMatch(/^Afslutning \(\d{4}-\d{2}-\d{2}\)$/);
  expect(change[1].slice(1)).toEqual(['40 → 64', '+24', 'bedring', 'bedring']);
  await expect(changeRows.nth(0).locator('td.change-improved')).toHaveText(['bedring']);
  await expect(changeRows.nth(0).locator('td.change-unchanged')).toHaveText(['uændret']);
  await expect(changeRows.nth(1).locator('td.change-improved')).toHaveCount(2);
  // A trend chart per tracked score, each named, with a point per measurement.
  await expect(page.locator('figure.chart')).toHaveCount(2);
  const who5Chart = page.getByRole('img', { name: 'WHO-5 – Procentscore (0–100) over tid', exact: true });
  const ladderChart = page.getByRole('img', { name: 'Trivselsstigen – Trin på stigen (0–10) over tid', exact: true });
  await expect(who5Chart).toBeVisible();
  await expect(ladderChart).toBeVisible();
  await expect(who5Chart.locator('.series circle')).toHaveCount(3);
  await expect(ladderChart.locator('.series circle')).toHaveCount(3);

  // The programme switches to Jacobson–Truax with SD 10, r 0.5: threshold 19.6, so +24 stays reliable, +12 does not.
  await button(page, 'Alle deltagere').tap();
  await button(page, 'Indstillinger').tap();
  await expect(page.getByText(`Version ${version}`, { exact: true }), "the app's version on the settings screen").toBeVisible();
  const reliable = page.getByRole('group', { name: 'Pålidelig ændring – WHO-5 %', exact: true });
  await expect(reliable.getByRole('radio', { name: 'Mindste påviselige ændring: en fast grænse i point' })).toBeChecked();
  await expect(reliable.getByLabel('Point', { exact: true })).toHaveValue('23,6');
  await reliable.getByRole('radio', { name: 'Jacobson–Truax ud fra programmets SD og reliabilitet' }).check();
  await reliable.getByLabel('Standardafvigelse (SD)').fill('10');
  await reliable.getByLabel('Reliabilitet (r, mellem 0 og 1)').fill('0,5');
  await button(page, 'Gem indstillinger').tap();
  await page.getByRole('button', { name: `Åbn deltager ${code}` }).tap();
  await expect(changes.locator('caption')).toContainText('Pålidelig ændring: mere end 19,6 point.');
  const again = await rowTexts(changeRows);
  expect(again[0].slice(1)).toEqual(['40 → 52', '+12', 'bedring', 'uændret']);
  expect(again[1].slice(1)).toEqual(['40 → 64', '+24', 'bedring', 'bedring']);
});

test('a correction supersedes the measurement it corrects', async ({ page }) => {
  await page.goto('./');
  await setPin(page);
  await newParticipant(page);
  await measure(page, 'Indskrivning', [1, 1, 1, 1, 1], 2);
  await page.getByRole('button', { name: 'Ret måling 1' }).tap();
  await expect(page.getByRole('heading', { name: 'Hvordan har du haft det?' })).toBeVisible();
  await button(page, 'Fortsæt').tap();
  // The earlier answers are there to correct; change the first.
  await expect(button(page, who5Label(1))).toHaveAttribute('aria-pressed', 'true');
  await button(page, who5Label(5)).tap();
  for (let i = 1; i < 5; i++) await button(page, who5Label(1)).tap();
  await button(page, '2').tap();
  await button(page, 'Send svar').tap();
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('9 af 25');
  await button(page, 'Til deltageren').tap();
  const rows = page.locator('table.history tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('36');
});

/** The young person is told, question `step` is still shown, and `label` is not marked as the answer. */
async function expectNotSaved(page, step, label) {
  await expect(page.getByRole('alert')).toContainText('Dit svar blev ikke gemt.');
  await expect(page.getByText(`Spørgsmål ${step} af 5`)).toBeVisible();
  await expect(button(page, label)).toHaveAttribute('aria-pressed', 'false');
}

test('five taps in one task, before any write has committed, are all kept in order', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  const values = [5, 1, 4, 0, 3];
  // Only microtasks between the taps: no IndexedDB event can arrive in between.
  await page.evaluate(async (labels) => {
    const heading = () => [...document.querySelectorAll('h1')].find((h) => !h.closest('[hidden]')).textContent;
    for (const label of labels) {
      const before = heading();
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label).click();
      for (let i = 0; i < 50 && heading() === before; i++) await Promise.resolve();
      if (heading() === before) throw new Error(`no next question after ${label}`);
    }
  }, values.map((v) => who5Label(v)));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/stige/);
  await page.reload();
  await resumeAfterReload(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/stige/);
  for (let n = 4; n >= 0; n--) {
    await button(page, 'Tilbage').tap();
    await expect(page.getByText(`Spørgsmål ${n + 1} af 5`)).toBeVisible();
    await expect(button(page, who5Label(values[n]))).toHaveAttribute('aria-pressed', 'true');
  }
});

test('a write that fails after the next question shows goes back to the question, says so, and a retry works', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  await button(page, who5Label(5)).tap();
  await expect(page.getByText('Spørgsmål 2 af 5')).toBeVisible();
  // The write starts, then the database aborts it: as a disk error would.
  await page.evaluate(() => {
    window.__realCommit = IDBTransaction.prototype.commit;
    IDBTransaction.prototype.commit = function () { this.abort(); };
  });
  await button(page, who5Label(4)).tap();
  await expectNotSaved(page, 2, who5Label(4));
  await page.evaluate(() => { IDBTransaction.prototype.commit = window.__realCommit; });
  await button(page, who5Label(4)).tap();
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await expect(page.getByText('Dit svar blev ikke gemt.')).toHaveCount(0);
  await page.reload();
  await resumeAfterReload(page);
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  await button(page, 'Tilbage').tap();
  await expect(button(page, who5Label(4))).toHaveAttribute('aria-pressed', 'true');
  await button(page, 'Tilbage').tap();
  await expect(button(page, who5Label(5))).toHaveAttribute('aria-pressed', 'true');
});

test('IndexedDB unavailable: a calm message for the young person, a clear one for the counsellor', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked by policy', 'SecurityError'); } });
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Trivsel kan ikke bruges lige nu' })).toBeVisible();
  await expect(page.getByText('Noget driller på tabletten. Giv den til din rådgiver.')).toBeVisible();
  await expect(page.getByText(/IndexedDB\) kan ikke bruges/)).toBeVisible();
});

test('storage full: the answer is not lost silently, the young person is told, and a retry works', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  await page.evaluate(() => {
    window.__realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await button(page, who5Label(4)).tap();
  await expectNotSaved(page, 1, who5Label(4));
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
  await button(page, who5Label(4)).tap();
  await expect(page.getByText('Spørgsmål 2 af 5')).toBeVisible();
  await page.reload();
  await resumeAfterReload(page);
  await expect(page.getByText('Spørgsmål 2 af 5')).toBeVisible();
});
