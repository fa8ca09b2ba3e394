// axe-core finds no WCAG 2.2 A/AA violation on any screen: the young person's
// (in Danish and English) and the counsellor's, the PIN lockout included; and
// every text field's border can be seen (1.4.11, which axe leaves out).
import { test, expect } from '@playwright/test';
import {
  answerInstrument, batteries, button, chooseBattery, expectNoAxeViolations, expectVisibleFieldBorders, freshYouth, handOver, item,
  ladder, newParticipant, setPin, substance, unlock, who5, who5Label, worryProgramme, worryProgrammePath,
} from './helpers.mjs';

/** The young person's screens from the start screen to the thank-you screen, each checked. */
async function youthScreens(page, lang) {
  const t = lang === 'da'
    ? { progress: 'Spørgsmål', of: 'af', review: 'Tjek dine svar', send: 'Send svar', thanks: 'Tak for dine svar' }
    : { progress: 'Question', of: 'of', review: 'Check your answers', send: 'Send answers', thanks: 'Thank you for your answers' };
  if (lang === 'en') await button(page, 'English').tap();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expectNoAxeViolations(page, `${lang}: start`);
  await button(page, 'Start').tap();
  const values = [5, 3, 0, 1, 4];
  for (let i = 0; i < 5; i++) {
    await expect(page.getByText(`${t.progress} ${i + 1} ${t.of} 5`)).toBeVisible();
    await expectNoAxeViolations(page, `${lang}: WHO-5 item ${i + 1}`);
    await button(page, who5Label(values[i], lang)).tap();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ladder.items[0].text[lang]);
  await expectNoAxeViolations(page, `${lang}: ladder`);
  await button(page, '7').tap();
  await expect(page.getByRole('heading', { name: t.review })).toBeVisible();
  await expectNoAxeViolations(page, `${lang}: review`);
  // An answer being changed: a question with its earlier answer pressed.
  await page.getByRole('button', { name: lang === 'da' ? 'Ret spørgsmål 2' : 'Change question 2' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[1].text[lang]);
  await expect(button(page, who5Label(3, lang))).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(page, `${lang}: WHO-5 item 2, answered`);
  await button(page, who5Label(3, lang)).tap();
  await expect(page.getByRole('heading', { name: t.review })).toBeVisible();
  await button(page, t.send).tap();
  await expect(page.getByRole('heading', { name: t.thanks })).toBeVisible();
  await expectNoAxeViolations(page, `${lang}: thank you`);
}

test('the young person\'s screens in English have no axe violations', async ({ page }) => {
  await freshYouth(page);
  await youthScreens(page, 'en');
});

test('every screen in Danish, the counsellor\'s and the PIN lockout included, has no axe violations and visible field borders', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Vælg en PIN-kode til rådgiveren' })).toBeVisible();
  await expectNoAxeViolations(page, 'set PIN');
  await expectVisibleFieldBorders(page, 'set PIN');
  await setPin(page);
  await expectNoAxeViolations(page, 'home, no participants');

  await button(page, 'Ny deltager').tap();
  await expect(page.locator('.code.big')).toBeVisible();
  await expectNoAxeViolations(page, 'new participant');
  await expectVisibleFieldBorders(page, 'new participant');
  await button(page, 'Opret deltager').tap(); // nothing chosen: the notice
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expectNoAxeViolations(page, 'new participant, incomplete');
  await button(page, 'Annullér').tap();
  const code = await newParticipant(page);
  await expectNoAxeViolations(page, 'participant, no measurements');

  await button(page, 'Ny måling').tap();
  await page.getByRole('radio', { name: 'Undervejs', exact: true }).check();
  await expect(page.getByLabel('Samtale nr.')).toBeVisible();
  await expectNoAxeViolations(page, 'new measurement');
  await expectVisibleFieldBorders(page, 'new measurement');
  await page.getByRole('radio', { name: 'Indskrivning', exact: true }).check();
  await button(page, 'Giv tabletten til den unge').tap();
  await expect(page.getByRole('heading', { name: 'Hvordan har du haft det?' })).toBeVisible();
  await youthScreens(page, 'da');

  await button(page, 'Rådgiver').tap();
  await expect(page.getByLabel('PIN-kode', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'unlock');
  await expectVisibleFieldBorders(page, 'unlock');
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Resultat' })).toBeVisible();
  await expectNoAxeViolations(page, 'result');

  await button(page, 'Til deltageren').tap();
  await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();
  await expect(page.locator('table.history tbody tr')).toHaveCount(1);
  // A trend chart per tracked score (WHO-5 and the ladder).
  await expect(page.locator('figure.chart svg')).toHaveCount(2);
  for (const chart of await page.locator('figure.chart svg').all()) await expect(chart).toBeVisible();
  await expectNoAxeViolations(page, 'participant with history and chart');

  await button(page, 'Alle deltagere').tap();
  await expect(page.getByRole('button', { name: `Åbn deltager ${code}` })).toBeVisible();
  await expectNoAxeViolations(page, 'home with a participant');
  await button(page, 'Indstillinger').tap();
  await expect(page.getByRole('heading', { name: 'Indstillinger' })).toBeVisible();
  await expectNoAxeViolations(page, 'settings');
  await expectVisibleFieldBorders(page, 'settings');
  await page.getByRole('group', { name: 'Pålidelig ændring – WHO-5 %' }).getByRole('radio', { name: /Jacobson–Truax/ }).check();
  await expect(page.getByLabel('Standardafvigelse (SD)')).toBeVisible();
  await expectNoAxeViolations(page, 'settings, Jacobson–Truax');
  await expectVisibleFieldBorders(page, 'settings, Jacobson–Truax');

  await button(page, 'Lås').tap();
  await expect(page.getByLabel('PIN-kode', { exact: true })).toBeVisible();
  for (let i = 0; i < 4; i++) await unlock(page, '000000');
  await expect(page.getByRole('alert')).toHaveText(/For mange forkerte forsøg/);
  await expectNoAxeViolations(page, 'PIN lockout');
});
