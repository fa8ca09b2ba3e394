// axe-core finds no WCAG 2.2 A/AA violation on any screen: the young person's
// (in Danish and English) and the counsellor's, the PIN lockout included; and
// every text field's border can be seen (1.4.11, which axe leaves out).
import { test, expect } from '@playwright/test';
import {
  answerInstrument, batteries, button, chooseBattery, expectNoAxeViolations, expectVisibleFieldBorders, freshYouth, handOver, item,
  ladder, newParticipant, sendAndUnlock, setPin, substance, unlock, who5, who5Label, worryProgramme, worryProgrammePath,
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
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Opsæt tabletten' })).toBeVisible();
  await expect(page.getByLabel('Ny adgangssætning')).toBeVisible();
  await expectNoAxeViolations(page, 'set up: passphrase and PIN');
  await expectVisibleFieldBorders(page, 'set up: passphrase and PIN');
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

test('the screens of encrypted storage, backup, restore and erasure have no axe violations in English', async ({ page }) => {
  test.setTimeout(120_000);
  const english = async () => {
    await button(page, 'English').tap();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  };
  await page.goto('./');
  await english();
  await expect(page.getByRole('heading', { name: 'Set up the tablet' })).toBeVisible();
  await expect(page.getByLabel('New passphrase')).toBeVisible();
  await expectNoAxeViolations(page, 'en: set up: passphrase and PIN');
  await expectVisibleFieldBorders(page, 'en: set up: passphrase and PIN');
  await page.getByLabel('New passphrase').fill('kort');
  await page.getByLabel('Repeat the passphrase').fill('kort');
  await page.getByLabel('New PIN').fill('246810');
  await page.getByLabel('Repeat the PIN').fill('246810');
  await button(page, 'Save and continue').tap();
  await expect(page.getByRole('alert')).toHaveText('The passphrase must have at least 12 characters or at least 4 words.');
  await expectNoAxeViolations(page, 'en: set up, passphrase refused');
  await button(page, 'Dansk').tap();
  await setPin(page);
  const code = await newParticipant(page);
  await button(page, 'Alle deltagere').tap();
  await page.getByRole('link', { name: 'Eksportér', exact: true }).tap();
  await english();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'en: passphrase prompt');
  await page.getByLabel('Passphrase', { exact: true }).fill('blå cykel under gammel bro');
  await button(page, 'Unlock').tap();
  await expect(page.getByRole('heading', { name: 'Backup', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'en: export page with backup, restore, erasure, retention and keys');
  await expectVisibleFieldBorders(page, 'en: export page');
  await button(page, `Erase participant ${code} …`).tap();
  await expectNoAxeViolations(page, 'en: erase a participant, confirm');
  await button(page, 'Cancel').tap();
  await page.getByLabel('Passphrase', { exact: true }).fill('blå cykel under gammel bro');
  await button(page, 'Make a new recovery key').tap();
  await expect(page.locator('.recovery-key')).toHaveText(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
  await expectNoAxeViolations(page, 'en: recovery key shown');
  await page.getByLabel('Passphrase for the backup').fill('grøn tekop på en rund sten');
  await page.getByLabel('Repeat the backup\'s passphrase').fill('grøn tekop på en rund sten');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button(page, 'Make a backup').tap()]);
  await page.getByLabel('Backup file').setInputFiles(await download.path());
  await page.getByLabel('The backup\'s passphrase', { exact: true }).fill('grøn tekop på en rund sten');
  await button(page, 'Read the backup').tap();
  await expect(page.getByText(/^New: 0 participants and 0 responses\. Already here with the same content: 1 participants/)).toBeVisible();
  await expectNoAxeViolations(page, 'en: restore plan');
  // A questionnaire in progress, then a reload: the young person's waiting screen.
  await page.getByRole('link', { name: 'All participants' }).tap();
  await unlock(page, 'blå cykel under gammel bro');
  await page.getByRole('button', { name: `Åbn deltager ${code}` }).tap();
  await handOver(page, 'Indskrivning');
  await english();
  await expectNoAxeViolations(page, 'en: start with the young person\'s rights');
  await page.reload();
  await english();
  await expect(page.getByRole('heading', { name: 'Your answers are saved' })).toBeVisible();
  await expectNoAxeViolations(page, 'en: the answers wait for the counsellor');
});

/** The words of each language the screens below are found by. */
const words = {
  da: {
    english: null, start: 'Start', review: 'Tjek dine svar', send: 'Send svar', thanks: 'Tak for dine svar', toParticipant: 'Til deltageren', participant: 'Deltager',
    all: 'Alle deltagere', settings: 'Indstillinger', export: 'Eksportér', openProgramme: 'Åbn programfil',
    imported: 'er indlæst', cutoffs: 'Grænser for Stige 0–10', reliable: 'Pålidelig ændring – WHO-5 %',
    heading: 'Deltagere', change: 'Ret spørgsmål 8', decline: 'Vil ikke svare', lock: 'Lås',
  },
  en: {
    english: 'English', start: 'Start', review: 'Check your answers', send: 'Send answers', thanks: 'Thank you for your answers', toParticipant: 'To the participant', participant: 'Participant',
    all: 'All participants', settings: 'Settings', export: 'Export', openProgramme: 'Open programme file',
    imported: 'is loaded', cutoffs: 'Cut-offs for Ladder 0–10', reliable: 'Reliable change – WHO-5 %',
    heading: 'Participants', change: 'Change question 8', decline: 'Prefer not to answer', lock: 'Lock',
  },
};

for (const lang of ['da', 'en']) {
  test(`${lang}: the substance questions, the days grid, the decline, the changed settings and participant screens and the programme files have no axe violations`, async ({ page }) => {
    test.setTimeout(240_000);
    const t = words[lang];
    await page.goto('./');
    await setPin(page);
    await chooseBattery(page, batteries.substance.name.da);
    const code = await newParticipant(page);
    for (const [point, values] of [['Indskrivning', [7, null, 0, 2]], ['Afslutning', [3, 0, null, 0]]]) {
      await handOver(page, point);
      if (t.english) await button(page, t.english).tap();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await button(page, t.start).tap();
      await answerInstrument(page, who5, [3, 3, 3, 3, 3], lang);
      await answerInstrument(page, ladder, [6], lang);
      const h1 = page.getByRole('heading', { level: 1 });
      // The module's first question: its name, lead-in and the 0–30 grid.
      await expect(h1).toHaveText(item(substance, 'cannabis_30d').text[lang]);
      await expect(page.locator('.question:not([hidden]) .intro')).toHaveText(substance.intro[lang]);
      await expectNoAxeViolations(page, `${lang}: substance question 1 (intro, 0–30 days, decline)`);
      await answerInstrument(page, substance, values, lang);
      await expect(h1).toHaveText(t.review);
      await expectNoAxeViolations(page, `${lang}: review with a declined question`);
      if (point === 'Indskrivning') {
        // A declined question being changed: the decline pressed; and the 0–7 grid with a day pressed.
        await page.getByRole('button', { name: t.change }).tap();
        await expect(button(page, t.decline)).toHaveAttribute('aria-pressed', 'true');
        await expectNoAxeViolations(page, `${lang}: a declined question, answered`);
        await button(page, t.decline).tap();
        await page.getByRole('button', { name: t.change.replace('8', '10') }).tap();
        await expect(h1).toHaveText(item(substance, 'anydrug_7d').text[lang]);
        await expect(button(page, '2')).toHaveAttribute('aria-pressed', 'true');
        await expectNoAxeViolations(page, `${lang}: 0–7 days, answered`);
        await button(page, '2').tap();
      }
      await sendAndUnlock(page, lang);
      await expect(page.locator('.declined')).toHaveCount(1);
      await expectNoAxeViolations(page, `${lang}: result with a declined item and a score without value (${point})`);
      await button(page, t.toParticipant).tap();
      // handOver is in Danish: back to Danish for the counsellor between the two measurements.
      if (point === 'Indskrivning' && lang === 'en') await button(page, 'Dansk').tap();
    }
    await expect(page.getByRole('heading', { name: `${t.participant} ${code}` })).toBeVisible();
    await expect(page.locator('table.changes')).toHaveCount(2);
    await expect(page.locator('figure.chart')).toHaveCount(6);
    await expectNoAxeViolations(page, `${lang}: participant with substance history, changes and charts`);

    await button(page, t.all).tap();
    await button(page, t.settings).tap();
    await expect(page.getByRole('heading', { name: t.settings, level: 1 })).toBeVisible();
    await expect(page.getByRole('group', { name: t.cutoffs })).toBeVisible();
    await expectNoAxeViolations(page, `${lang}: settings (batteries, cut-offs, reliable change, programme files)`);
    await expectVisibleFieldBorders(page, `${lang}: settings`);
    await page.getByRole('group', { name: t.reliable }).getByRole('radio', { name: /Jacobson–Truax/ }).check();
    await expectNoAxeViolations(page, `${lang}: settings, Jacobson–Truax`);
    await expectVisibleFieldBorders(page, `${lang}: settings, Jacobson–Truax`);

    // The export page's programme files: empty, one opened, one refused.
    await page.getByRole('link', { name: t.export, exact: true }).tap();
    await expect(page).toHaveURL(/\/eksport\/$/);
    await unlock(page);
    await expect(page.getByRole('heading', { name: 'Eksportér', level: 1 })).toBeVisible();
    if (t.english) await button(page, t.english).tap();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByLabel(t.openProgramme)).toBeAttached();
    await expectNoAxeViolations(page, `${lang}: export page with no programme files`);
    await page.getByLabel(t.openProgramme).setInputFiles(worryProgrammePath);
    await expect(page.getByRole('alert')).toContainText(t.imported);
    await expectNoAxeViolations(page, `${lang}: export page, a programme file opened`);
    await page.getByLabel(t.openProgramme).setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
    await expect(page.getByRole('alert')).not.toContainText(t.imported);
    await expectNoAxeViolations(page, `${lang}: export page, a programme file refused`);
    await page.getByRole('link', { name: t.all }).tap();
    await unlock(page);
    await button(page, 'Indstillinger').tap();
    await expect(page.getByRole('radio', { name: worryProgramme.batteries[0].name.da })).toBeVisible();
    if (t.english) await button(page, t.english).tap();
    await expect(page.getByRole('radio', { name: worryProgramme.batteries[0].name[lang] })).toBeVisible();
    await expectNoAxeViolations(page, `${lang}: settings with a programme's battery and file`);
  });
}
