// A young person fills in WHO-5 and the ladder on a tablet by visible labels,
// and the counsellor's score screen shows the exact scores.
import { test, expect } from '@playwright/test';
import {
  unlock, answerAll, bandLabel, button, card, figure, freshYouth, golden, handOver, ladder, newParticipant, sendAndUnlock, setPin,
  who5, who5Label,
} from './helpers.mjs';

const itemText = (id, lang = 'da') => who5.items.find((i) => i.id === id).text[lang];

for (const c of golden) {
  test(`scores: ${c.name} (${c.who5.join(',')} / ladder ${c.ladder})`, async ({ page }) => {
    await freshYouth(page);
    await answerAll(page, c.who5, c.ladder);
    await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
    await sendAndUnlock(page);

    await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
    await expect(card(page, who5.name.da)).toBeVisible();
    await expect(card(page, ladder.name.da)).toBeVisible();
    await expect(figure(page, 'Råscore (0–25)')).toHaveText(`${c.expect.raw} af 25`);
    await expect(figure(page, 'Procentscore (0–100)')).toHaveText(`${c.expect.percentage} af 100`);
    await expect(page.getByText(bandLabel(who5, 'practice', c.expect.practice), { exact: true })).toBeVisible();
    await expect(page.getByText(bandLabel(who5, 'screening', c.expect.screening), { exact: true })).toBeVisible();
    await expect(page.getByText(bandLabel(who5, 'likely_depression', 'likely_depression'), { exact: true }))
      .toHaveCount(c.expect.likely_depression ? 1 : 0);
    const flags = page.locator('ul.flags li');
    await expect(page.getByRole('heading', { name: 'Spørgsmål besvaret med 0 eller 1', level: 3 })).toBeVisible();
    if (c.expect.flagged.length === 0) {
      await expect(page.getByText('Ingen spørgsmål er besvaret med 0 eller 1.')).toBeVisible();
      await expect(page.getByText(who5.flags.meaning.da)).toHaveCount(0);
      await expect(flags).toHaveCount(0);
    } else {
      await expect(page.getByText(who5.flags.meaning.da)).toBeVisible();
      await expect(flags).toHaveText(c.expect.flagged.map((id) => itemText(id)));
    }
    await expect(figure(page, 'Trin på stigen (0–10)')).toHaveText(`${c.ladder} af 10`);
    await expect(page.getByText(bandLabel(ladder, 'hbsc', c.expect.ladder_hbsc), { exact: true })).toBeVisible();
  });
}

test('the flagged item is named: 5,5,5,1,5 flags "vågnet frisk og udhvilet"', async ({ page }) => {
  await freshYouth(page);
  await answerAll(page, [5, 5, 5, 1, 5], 7);
  await sendAndUnlock(page);
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('21 af 25');
  await expect(figure(page, 'Procentscore (0–100)')).toHaveText('84 af 100');
  await expect(page.locator('ul.flags li')).toHaveText([/vågnet frisk og udhvilet/]);
  await expect(page.getByText(who5.flags.meaning.da)).toBeVisible();
});

test('the screen the last question leads to waits unseen and unreachable, then shows with the focus on its heading', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  for (let i = 0; i < 4; i++) await button(page, who5Label(3)).tap();
  await expect(page.getByText('Spørgsmål 5 af 5')).toBeVisible();
  // Prepared once the question has been painted: in the page, but not on screen,
  // not in the accessibility tree, and never reached by Tab.
  const prepared = page.locator('section[hidden]');
  await expect(prepared).toHaveCount(1);
  await expect(prepared).toBeHidden();
  await expect(button(page, '10')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[4].text.da);
  const ladderScreen = await prepared.elementHandle();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[hidden]')), `Tab ${i + 1}`).toBe(false);
  }
  // The tap shows the very screen that waited, and the ladder is read from its heading.
  await button(page, who5Label(3)).tap();
  await expect.poll(() => ladderScreen.isVisible()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ladder.items[0].text.da);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The ladder's own next screen, review, waits in turn; then shows, focused.
  await expect(page.locator('section[hidden]')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toHaveCount(0);
  await button(page, '6').tap();
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeFocused();
  await expect(page.locator('section[hidden]')).toHaveCount(0);
});

test('going back keeps the answers, and review changes one answer', async ({ page }) => {
  await freshYouth(page);
  await answerAll(page, [5, 3, 5, 5, 5], 8);
  // From review, back to the ladder: 8 is still chosen.
  await button(page, 'Tilbage').tap();
  await expect(button(page, '8')).toHaveAttribute('aria-pressed', 'true');
  await button(page, 'Tilbage').tap();
  await expect(page.getByText('Spørgsmål 5 af 5')).toBeVisible();
  await expect(button(page, who5Label(5))).toHaveAttribute('aria-pressed', 'true');
  await expect(button(page, who5Label(4))).toHaveAttribute('aria-pressed', 'false');
  // Forward again by answering the same, then change item 2 from the review screen.
  await button(page, who5Label(5)).tap();
  await button(page, '8').tap();
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await page.getByRole('button', { name: 'Ret spørgsmål 2' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[1].text.da);
  await expect(button(page, who5Label(3))).toHaveAttribute('aria-pressed', 'true');
  await button(page, who5Label(0)).tap();
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await sendAndUnlock(page);
  // 5+0+5+5+5 = 20 → 80, and item 2 (calm) is now flagged.
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('20 af 25');
  await expect(figure(page, 'Procentscore (0–100)')).toHaveText('80 af 100');
  await expect(page.locator('ul.flags li')).toHaveText([itemText('calm')]);
});

test('the next young person gets a clean start that shows nothing of the last answers', async ({ page }) => {
  await freshYouth(page);
  await answerAll(page, [1, 1, 1, 1, 1], 3);
  await button(page, 'Send svar').tap();
  // The hand-back screen shows nothing of the answers or scores.
  await expect(page.getByText(/af 25|af 100|Råscore|Lidt af tiden/)).toHaveCount(0);
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('5 af 25');
  await button(page, 'Til deltageren').tap();
  await handOver(page, 'Undervejs');
  await expect(button(page, 'Start')).toBeVisible();
  await expect(page.getByText(/af 25|af 100|Råscore/)).toHaveCount(0);
  await button(page, 'Start').tap();
  for (const o of who5.response.options) {
    await expect(button(page, o.label.da)).toHaveAttribute('aria-pressed', 'false');
  }
});

test('English throughout, with the document language following', async ({ page }) => {
  await freshYouth(page);
  await answerAll(page, [5, 3, 5, 5, 5], 7, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await sendAndUnlock(page, 'en');
  await expect(card(page, who5.name.en)).toBeVisible();
  await expect(figure(page, 'Raw score (0–25)')).toHaveText('23 of 25');
  await expect(figure(page, 'Percentage score (0–100)')).toHaveText('92 of 100');
  await expect(figure(page, 'Step on the ladder (0–10)')).toHaveText('7 of 10');
  await expect(page.getByRole('heading', { name: 'Items answered 0 or 1', level: 3 })).toBeVisible();
  await expect(page.getByText('No item was answered 0 or 1.')).toBeVisible();
  await button(page, 'Dansk').tap();
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('23 af 25');
});

test('every control is a touch target of at least 48 px and the ladder fits the screen', async ({ page }) => {
  await freshYouth(page);
  await button(page, 'Start').tap();
  const sizes = async () => page.getByRole('button').evaluateAll((els) =>
    els.map((e) => { const r = e.getBoundingClientRect(); return { name: e.textContent, w: r.width, h: r.height }; }));
  for (const s of await sizes()) {
    expect(s.h, `${s.name} height`).toBeGreaterThanOrEqual(48);
    expect(s.w, `${s.name} width`).toBeGreaterThanOrEqual(48);
  }
  for (let i = 0; i < 5; i++) await button(page, who5Label(4)).tap();
  for (const s of await sizes()) expect(s.h, `${s.name} height`).toBeGreaterThanOrEqual(48);
  await expect(button(page, '10')).toBeInViewport();
  await expect(button(page, '0')).toBeInViewport();
  const tops = await Promise.all(['10', '5', '0'].map(async (n) => (await button(page, n).boundingBox()).y));
  expect(tops[0]).toBeLessThan(tops[1]);
  expect(tops[1]).toBeLessThan(tops[2]);
});

test('the programme\'s cut-offs for the ladder, chosen in settings, decide the band shown', async ({ page }) => {
  await page.goto('./');
  await setPin(page);
  await button(page, 'Indstillinger').tap();
  const cutoffs = page.getByRole('group', { name: 'Grænser for Stige 0–10', exact: true });
  const sets = ladder.scores[0].band_sets;
  await expect(cutoffs.getByRole('radio')).toHaveCount(sets.length);
  await expect(cutoffs.getByRole('radio', { name: sets[0].name.da, exact: true })).toBeChecked();
  await cutoffs.getByRole('radio', { name: sets[1].name.da, exact: true }).check();
  await button(page, 'Gem indstillinger').tap();
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  await newParticipant(page);
  await handOver(page);
  await answerAll(page, [4, 4, 4, 4, 4], 7);
  await sendAndUnlock(page);
  // 7 is high under HBSC (6–10), not under the Nordic analyses (9–10).
  await expect(figure(page, 'Trin på stigen (0–10)')).toHaveText('7 af 10');
  await expect(card(page, ladder.name.da).locator('.band-label')).toHaveText([bandLabel(ladder, 'nordic_high', 'not_high')]);
  await expect(card(page, ladder.name.da).locator('.band-meaning')).toHaveText([/under grænsen for høj livstilfredshed/]);
});
