// The substance-use module on the tablet (issue 11): with the battery "WHO-5, trivselsstigen
// og rusmidler" an intake asks WHO-5, the ladder and the module's four "days" questions, in
// the data's wordings; a question may be declined ("Vil ikke svare"), which is shown as such on
// review and on the score card, never as 0; the 7-day question offers exactly 0–7. The battery
// decides per measurement point, and history, change and trend follow the days scores.
import { test, expect } from '@playwright/test';
import {
  answerInstrument, bandLabel, button, card, figure, handOver, headers, item, ladder, press, rowTexts, score,
  sendAndUnlock, substance, substanceTablet, who5,
} from './helpers.mjs';

const days = (max) => Array.from({ length: max + 1 }, (_, d) => String(d));
const text = (id) => item(substance, id).text.da;

/** A whole measurement with the given answers (substance `null` when the point does not ask it). */
async function measure(page, point, who5Values, ladderValue, substanceValues, session) {
  await handOver(page, point, session);
  await expect(page.getByText(`Du får ${substanceValues ? 10 : 6} korte spørgsmål om, hvordan du har haft det.`)).toBeVisible();
  await press(button(page, 'Start'));
  await answerInstrument(page, who5, who5Values);
  await answerInstrument(page, ladder, [ladderValue]);
  if (substanceValues) await answerInstrument(page, substance, substanceValues);
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await expect(page.locator('.answers li')).toHaveCount(substanceValues ? 10 : 6);
  await sendAndUnlock(page);
  await press(button(page, 'Til deltageren'));
}

test('an intake asks WHO-5, the ladder and the four substance questions; a declined one shows as such, and the 7-day question offers 0–7', async ({ page }) => {
  test.setTimeout(120_000);
  await substanceTablet(page);
  await handOver(page, 'Indskrivning');
  await expect(page.getByText('Du får 10 korte spørgsmål om, hvordan du har haft det.')).toBeVisible();
  await press(button(page, 'Start'));
  await answerInstrument(page, who5, [4, 4, 3, 3, 2]); // 16 → 64
  await answerInstrument(page, ladder, [6]);

  // The module: its name and lead-in on its first question only; days as a grid of buttons.
  const h1 = page.getByRole('heading', { level: 1 });
  const shown = page.locator('.question:not([hidden])');
  const grid = (id) => page.getByRole('group', { name: text(id), exact: true });
  await expect(h1).toHaveText(text('cannabis_30d'));
  await expect(page.getByText('Spørgsmål 1 af 4')).toBeVisible();
  await expect(shown.locator('.module')).toHaveText(substance.name.da);
  await expect(shown.locator('.intro')).toHaveText(substance.intro.da);
  await expect(grid('cannabis_30d').getByRole('button')).toHaveText([...days(30), 'Vil ikke svare']);
  await expect(shown.locator('.days .day')).toHaveCount(31);
  await expect(shown.locator('.decline')).toHaveText('Vil ikke svare');
  await press(button(page, '7'));

  await expect(h1).toHaveText(text('binge_30d'));
  await expect(shown.locator('.intro')).toHaveCount(0);
  await expect(grid('binge_30d').getByRole('button')).toHaveText([...days(30), 'Vil ikke svare']);
  await press(button(page, 'Vil ikke svare'));

  await expect(h1).toHaveText(text('otherdrugs_30d'));
  await press(button(page, '0'));

  // The 7-day question: exactly 0–7, and "Vil ikke svare".
  await expect(h1).toHaveText(text('anydrug_7d'));
  await expect(page.getByText('Spørgsmål 4 af 4')).toBeVisible();
  await expect(grid('anydrug_7d').getByRole('button')).toHaveText([...days(7), 'Vil ikke svare']);
  await expect(shown.locator('.days .day')).toHaveCount(8);
  await expect(button(page, '8')).toHaveCount(0);
  await press(button(page, '2'));

  // Review: the declined question says so; days read as days.
  await expect(h1).toHaveText('Tjek dine svar');
  const answer = (id) => page.locator('.answers li').filter({ has: page.getByText(text(id), { exact: true }) }).locator('.a');
  await expect(answer('cannabis_30d')).toHaveText('7 dage');
  await expect(answer('binge_30d')).toHaveText('Vil ikke svare');
  await expect(answer('otherdrugs_30d')).toHaveText('0 dage');
  await expect(answer('anydrug_7d')).toHaveText('2 dage');
  // Going back to it from review shows the decline chosen; choosing it again returns to review.
  await press(page.getByRole('button', { name: 'Ret spørgsmål 8' }));
  await expect(h1).toHaveText(text('binge_30d'));
  await expect(button(page, 'Vil ikke svare')).toHaveAttribute('aria-pressed', 'true');
  await expect(button(page, '0')).toHaveAttribute('aria-pressed', 'false');
  await press(button(page, 'Vil ikke svare'));
  await expect(h1).toHaveText('Tjek dine svar');
  await expect(answer('binge_30d')).toHaveText('Vil ikke svare');
  await sendAndUnlock(page);

  // The score card: one card per instrument; the declined item is named, and the score that
  // rests on it has none (missing, not 0).
  await expect(page.locator('article.card')).toHaveCount(3);
  await expect(figure(page, 'Procentscore (0–100)')).toHaveText('64 af 100');
  await expect(figure(page, 'Trin på stigen (0–10)')).toHaveText('6 af 10');
  const module = card(page, substance.name.da);
  await expect(figure(page, score(substance, 'cannabis_30d').name.da)).toHaveText('7 af 30');
  await expect(figure(page, score(substance, 'binge_30d').name.da)).toHaveText('Ingen score: et spørgsmål er ikke besvaret (vil ikke svare)');
  await expect(figure(page, score(substance, 'otherdrugs_30d').name.da)).toHaveText('0 af 30');
  await expect(figure(page, score(substance, 'anydrug_7d').name.da)).toHaveText('2 af 7');
  await expect(module.locator('.band-label')).toHaveText([bandLabel(substance, 'drug_free', 'use')]);
  await expect(module.locator('.declined')).toHaveText(`Ville ikke svare på: ${item(substance, 'binge_30d').short.da}`);
  await expect(card(page, who5.name.da).locator('.declined')).toHaveCount(0);
});

test('the battery asks the module at intake and end only; history, change and trend follow the days', async ({ page }) => {
  test.setTimeout(240_000);
  const code = await substanceTablet(page);
  // Cannabis 7 → 3: an odd intake halved (3 ≤ 3,5) but not stopped; drug-free at the end.
  await measure(page, 'Indskrivning', [2, 2, 2, 2, 2], 5, [7, 4, 0, 3]);
  await measure(page, 'Undervejs', [3, 3, 3, 2, 2], 6, null, 1);
  await measure(page, 'Afslutning', [3, 3, 3, 3, 4], 7, [3, null, 0, 0]);
  await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();

  const history = page.locator('table.history');
  expect(await headers(history)).toEqual([
    'Dato', 'Målepunkt', 'WHO-5 %', 'Stige 0–10',
    'Cannabis, dage/30', '5+ genstande, dage/30', 'Andre stoffer, dage/30', 'Stoffer, dage/7',
    'Markerede svar', 'Handlinger',
  ]);
  expect((await rowTexts(history.locator('tbody tr'))).map((r) => r.slice(1, 9))).toEqual([
    ['Indskrivning', '40', '5', '7', '4', '0', '3', '–'],
    ['Undervejs, samtale 1', '52', '6', '–', '–', '–', '–', '–'],
    ['Afslutning', '64', '7', '3', '–', '0', '0', '–'],
  ]);

  // One change table per score with criteria: WHO-5's percentage and cannabis.
  const changes = page.locator('table.changes');
  await expect(changes).toHaveCount(2);
  const cannabis = changes.filter({ has: page.locator('caption', { hasText: 'Ændring i dage med cannabis de sidste 30 dage siden indskrivning.' }) });
  await expect(cannabis.locator('caption')).toHaveText(
    'Ændring i dage med cannabis de sidste 30 dage siden indskrivning.'
    + ' Stoppet: 0 ved målingen, blandt dem med mere end 0 ved indskrivning.'
    + ' Stoppet eller mindst halveret: højst det halve af indskrivningens tal, blandt dem med mere end 0 ved indskrivning.',
  );
  expect(await headers(cannabis)).toEqual(['Målepunkt', 'Fra → til', 'Ændring', 'Stoppet', 'Stoppet eller mindst halveret']);
  const rows = await rowTexts(cannabis.locator('tbody tr'));
  expect(rows).toHaveLength(1); // the measurement without the module has no change
  expect(rows[0][0]).toMatch(/^Afslutning \(\d{4}-\d{2}-\d{2}\)$/);
  expect(rows[0].slice(1)).toEqual(['7 → 3', '-4', 'nej', 'ja']);
  await expect(cannabis.locator('td.change-not_met')).toHaveText(['nej']);
  await expect(cannabis.locator('td.change-met')).toHaveText(['ja']);
  const who5Rows = await rowTexts(changes.first().locator('tbody tr'));
  expect(who5Rows.map((r) => r.slice(1))).toEqual([['40 → 52', '+12', 'bedring', 'uændret'], ['40 → 64', '+24', 'bedring', 'bedring']]);

  // A chart per tracked score; a point only where the measurement has the score.
  await expect(page.locator('figure.chart')).toHaveCount(6);
  const chart = (name) => page.getByRole('img', { name: `${name} over tid`, exact: true });
  await expect(chart('WHO-5 – Procentscore (0–100)').locator('.series circle')).toHaveCount(3);
  await expect(chart('Rusmidler – Dage med cannabis de sidste 30 dage').locator('.series circle')).toHaveCount(2);
  await expect(chart('Rusmidler – Dage med 5 genstande eller flere de sidste 30 dage').locator('.series circle')).toHaveCount(1);
  await expect(chart('Rusmidler – Dage med hash eller andre stoffer de sidste 7 dage').locator('.series circle')).toHaveCount(2);
});

test('no days at intake: stopped and halved are "ikke relevant"', async ({ page }) => {
  test.setTimeout(180_000);
  await substanceTablet(page);
  await measure(page, 'Indskrivning', [3, 3, 3, 3, 3], 6, [0, 0, 0, 0]);
  await measure(page, 'Afslutning', [3, 3, 3, 3, 3], 6, [2, 0, 0, 1]);
  const cannabis = page.locator('table.changes').filter({ has: page.locator('caption', { hasText: 'dage med cannabis' }) });
  const [row] = await rowTexts(cannabis.locator('tbody tr'));
  expect(row.slice(1)).toEqual(['0 → 2', '+2', 'ikke relevant', 'ikke relevant']);
  await expect(cannabis.locator('td.change-not_applicable')).toHaveCount(2);
});

test('every button of the days grid is a touch target of at least 48 × 48 px, and the grid fits the screen', async ({ page }) => {
  await substanceTablet(page);
  await handOver(page, 'Indskrivning');
  await press(button(page, 'Start'));
  await answerInstrument(page, who5, [3, 3, 3, 3, 3]);
  await answerInstrument(page, ladder, [5]);
  for (const [id, n] of [['cannabis_30d', 31], ['binge_30d', 31], ['otherdrugs_30d', 31], ['anydrug_7d', 8]]) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(id));
    const buttons = page.locator('.question:not([hidden])').locator('.days .day, .decline');
    await expect(buttons).toHaveCount(n + 1);
    const sizes = await buttons.evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.textContent.trim(), w: r.width, h: r.height, left: r.left, right: r.right };
    }));
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    for (const s of sizes) {
      expect(s.w, `${id}: "${s.name}" width`).toBeGreaterThanOrEqual(48);
      expect(s.h, `${id}: "${s.name}" height`).toBeGreaterThanOrEqual(48);
      expect(s.left, `${id}: "${s.name}" left`).toBeGreaterThanOrEqual(0);
      expect(s.right, `${id}: "${s.name}" right`).toBeLessThanOrEqual(width);
    }
    await press(button(page, '1'));
  }
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
});
