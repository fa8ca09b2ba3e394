// The young person's whole flow by keyboard alone once the counsellor has
// handed over: Tab, Shift+Tab, Enter and Space, with the focus always on the
// intended control, drawn visibly, and every control named. The document
// language follows the language switch.
import { test, expect } from '@playwright/test';
import {
  button, card, expectFocus, expectNamedControls, figure, freshYouth, item, ladder, score, substance, unlock,
  upToTheDays, who5, who5Label,
} from './helpers.mjs';

/** Presses `key` `times` times, checking after each press that the focus is visible and named. */
async function tab(page, times, key = 'Tab') {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await expectFocus(page, 'button', /\S/);
  }
}

test('the whole youth flow by keyboard alone, with a visible focus on named controls', async ({ page }) => {
  await freshYouth(page); // the counsellor's part, by touch
  const h1 = page.getByRole('heading', { level: 1 });

  // Start: the heading has the focus; Shift+Tab reaches the language switch in the top bar.
  await expect(h1).toHaveText('Hvordan har du haft det?');
  await expect(h1).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expectNamedControls(page);
  await page.keyboard.press('Shift+Tab');
  await expectFocus(page, 'button', 'English');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(h1).toHaveText('How have you been?');
  await expectFocus(page, 'button', 'Dansk');
  await expectNamedControls(page);
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(h1).toHaveText('Hvordan har du haft det?');
  await expectFocus(page, 'button', 'English');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'button', 'Start');
  await page.keyboard.press('Enter');

  // WHO-5: the options follow the heading in the data's order (5 first); Back comes last.
  const values = [4, 2, 5, 0, 3];
  for (let i = 0; i < 5; i++) {
    await expect(h1).toHaveText(who5.items[i].text.da);
    await expect(h1).toBeFocused();
    await expectNamedControls(page);
    const index = who5.response.options.findIndex((o) => o.value === values[i]);
    if (i === 1) {
      // Past the right answer and back with Shift+Tab.
      await tab(page, index + 3);
      await tab(page, 2, 'Shift+Tab');
    } else {
      await tab(page, index + 1);
    }
    await expectFocus(page, 'button', who5Label(values[i]));
    await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
    if (i === 2) {
      // Back to item 3 from item 4: the answer given is kept and marked.
      await expect(h1).toHaveText(who5.items[3].text.da);
      await expect(h1).toBeFocused();
      await tab(page, who5.response.options.length + 1);
      await expectFocus(page, 'button', 'Tilbage');
      await page.keyboard.press('Enter');
      await expect(h1).toHaveText(who5.items[2].text.da);
      await expect(h1).toBeFocused();
      await tab(page, index + 1);
      await expectFocus(page, 'button', who5Label(values[i]));
      await expect(page.locator('*:focus')).toHaveAttribute('aria-pressed', 'true');
      await page.keyboard.press('Enter');
    }
  }

  // The ladder: rung 10 first.
  await expect(h1).toHaveText(ladder.items[0].text.da);
  await expect(h1).toBeFocused();
  await expectNamedControls(page);
  await tab(page, 10 - 6 + 1);
  await expectFocus(page, 'button', '6');
  await page.keyboard.press('Enter');

  // Review: six "Ret" buttons, Tilbage, then Send svar.
  await expect(h1).toHaveText('Tjek dine svar');
  await expect(h1).toBeFocused();
  await expectNamedControls(page);
  await tab(page, 1);
  await expectFocus(page, 'button', 'Ret spørgsmål 1');
  await tab(page, 7);
  await expectFocus(page, 'button', 'Send svar');
  await page.keyboard.press('Shift+Tab');
  await expectFocus(page, 'button', 'Tilbage');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'button', 'Send svar');
  await page.keyboard.press('Enter');

  await expect(h1).toHaveText('Tak for dine svar');
  await expect(h1).toBeFocused();
  await expectNamedControls(page);

  // The counsellor sees exactly the answers given by keyboard: 4+2+5+0+3 = 14 → 56.
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(figure(page, 'Råscore (0–25)')).toHaveText('14 af 25');
  await expect(figure(page, 'Procentscore (0–100)')).toHaveText('56 af 100');
  await expect(figure(page, 'Trin på stigen (0–10)')).toHaveText('6 af 10');
  await expect(page.locator('ul.flags li')).toHaveText([who5.items[3].text.da]);
});

test('the days grid and "Vil ikke svare" by keyboard alone, in order, with a visible focus', async ({ page }) => {
  test.setTimeout(120_000);
  await upToTheDays(page);
  const h1 = page.getByRole('heading', { level: 1 });
  const text = (id) => item(substance, id).text.da;

  // 0–30 days: the heading has the focus; the days follow from 0 up, then "Vil ikke svare", then Back.
  await expect(h1).toHaveText(text('cannabis_30d'));
  await expect(h1).toBeFocused();
  await expectNamedControls(page);
  await tab(page, 1);
  await expectFocus(page, 'button', '0');
  await tab(page, 3);
  await expectFocus(page, 'button', '3');
  await page.keyboard.press('Enter');

  await expect(h1).toHaveText(text('binge_30d'));
  await expect(h1).toBeFocused();
  await tab(page, 32);
  await expectFocus(page, 'button', 'Vil ikke svare');
  await tab(page, 1, 'Shift+Tab');
  await expectFocus(page, 'button', '30');
  await tab(page, 2);
  await expectFocus(page, 'button', 'Tilbage');
  await tab(page, 1, 'Shift+Tab');
  await expectFocus(page, 'button', 'Vil ikke svare');
  await page.keyboard.press('Space');

  // Back by keyboard: the decline is kept and marked.
  await expect(h1).toHaveText(text('otherdrugs_30d'));
  await expect(h1).toBeFocused();
  await tab(page, 33);
  await expectFocus(page, 'button', 'Tilbage');
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText(text('binge_30d'));
  await expect(h1).toBeFocused();
  await tab(page, 32);
  await expectFocus(page, 'button', 'Vil ikke svare');
  await expect(page.locator('*:focus')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');

  await expect(h1).toHaveText(text('otherdrugs_30d'));
  // The next screen takes the focus to its heading a moment after it shows: Tab from there.
  await expect(h1).toBeFocused();
  await tab(page, 1);
  await expectFocus(page, 'button', '0');
  await page.keyboard.press('Space');

  // 0–7 days: eight days, then "Vil ikke svare".
  await expect(h1).toHaveText(text('anydrug_7d'));
  await expect(h1).toBeFocused();
  await expectNamedControls(page);
  await tab(page, 9);
  await expectFocus(page, 'button', 'Vil ikke svare');
  await tab(page, 1, 'Shift+Tab');
  await expectFocus(page, 'button', '7');
  await tab(page, 6, 'Shift+Tab');
  await expectFocus(page, 'button', '1');
  await page.keyboard.press('Enter');

  // Review: ten "Ret" buttons, Tilbage, then Send svar.
  await expect(h1).toHaveText('Tjek dine svar');
  await expect(h1).toBeFocused();
  await tab(page, 12);
  await expectFocus(page, 'button', 'Send svar');
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText('Tak for dine svar');

  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(figure(page, score(substance, 'cannabis_30d').name.da)).toHaveText('3 af 30');
  await expect(figure(page, score(substance, 'binge_30d').name.da)).toHaveText('Ingen score: et spørgsmål er ikke besvaret (vil ikke svare)');
  await expect(figure(page, score(substance, 'otherdrugs_30d').name.da)).toHaveText('0 af 30');
  await expect(figure(page, score(substance, 'anydrug_7d').name.da)).toHaveText('1 af 7');
  await expect(card(page, substance.name.da).locator('.declined')).toHaveText(`Ville ikke svare på: ${item(substance, 'binge_30d').short.da}`);
});
