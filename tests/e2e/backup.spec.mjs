// Backup and restore (issue 12): a backup of the whole tablet, encrypted with age under its own
// passphrase, restored into a wiped browser profile gives identical participants, records,
// history and change; Debian's `age` decrypts it; restoring into a tablet with overlapping data
// keeps duplicates once and shows conflicts, settling none; an erased participant never returns.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ageWithTerminal, button, expectNoAxeViolations, measure, newParticipant, press, setPin, unlock,
} from './helpers.mjs';

const BACKUP_PASSPHRASE = 'grøn tekop på en rund sten';

/** What the counsellor sees: home's table, and each participant's history and chart. */
async function shown(page, codes) {
  const rows = (locator) => locator.evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  // The participants are read after the unlock: wait for all of them.
  await expect(page.locator('table.list tbody tr')).toHaveCount(codes.length);
  const home = await rows(page.locator('table.list tbody tr'));
  const histories = {};
  for (const code of codes) {
    await press(page.getByRole('button', { name: `Åbn deltager ${code}` }));
    await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();
    histories[code] = {
      rows: await rows(page.locator('table.history tbody tr')),
      // Every table of the page: the history and each score's change table.
      tables: await rows(page.locator('main table tbody tr')),
      caption: await page.locator('table.history caption').innerText(),
      points: await page.locator('.chart svg circle').count(),
    };
    await press(button(page, 'Alle deltagere'));
  }
  return { home: home.sort(), histories };
}

/** From the tablet's home to the export page, unlocked with the passphrase. */
async function toExportPage(page) {
  await press(page.getByRole('link', { name: 'Eksportér', exact: true }));
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Sikkerhedskopi', exact: true })).toBeVisible();
}

async function readBackup(page, file, passphrase = BACKUP_PASSPHRASE) {
  await page.getByLabel('Fil med sikkerhedskopi').setInputFiles(file);
  await page.getByLabel('Sikkerhedskopiens adgangssætning', { exact: true }).fill(passphrase);
  await press(button(page, 'Læs sikkerhedskopien'));
}

test('backup, a wiped profile, restore: the same participants, records, history and change; age decrypts it', async ({ page, browser, baseURL }, testInfo) => {
  test.skip(testInfo.project.name !== 'tablet-landscape', 'one viewport is enough for the data');
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trivsel-backup-'));
  await page.goto('./');
  await setPin(page);
  const a = await newParticipant(page, { site: 'Erhvervsskolen Nord' });
  await measure(page, 'Indskrivning', [2, 2, 2, 2, 2], 5);
  await measure(page, 'Afslutning', [3, 3, 3, 3, 4], 7);
  await press(button(page, 'Alle deltagere'));
  const b = await newParticipant(page, { gender: 'Dreng', age: '18–20 år', site: 'Klubben Vest' });
  await measure(page, 'Indskrivning', [4, 4, 3, 3, 2], 6);
  await press(button(page, 'Alle deltagere'));
  const before = await shown(page, [a, b]);
  expect(before.histories[a].rows).toHaveLength(2);
  // 40 → 64: the change since intake is shown.
  expect(before.histories[a].tables.join(' ')).toContain('+24');
  await expect(page.getByText('Der er ikke taget nogen sikkerhedskopi af tabletten endnu. Tag en på eksportsiden.')).toBeVisible();

  // The backup, under its own passphrase.
  await toExportPage(page);
  await page.getByLabel('Adgangssætning til sikkerhedskopien').fill(BACKUP_PASSPHRASE);
  await page.getByLabel('Gentag sikkerhedskopiens adgangssætning').fill(BACKUP_PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), press(button(page, 'Lav sikkerhedskopi'))]);
  expect(download.suggestedFilename()).toMatch(/^trivsel-sikkerhedskopi-\d{4}-\d{2}-\d{2}\.age$/);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('alert')).toHaveText(/^Sikkerhedskopien med 3 besvarelser er gemt som trivsel-sikkerhedskopi-/);
  await expect(page.getByText(/^Seneste sikkerhedskopi: \d{4}-\d{2}-\d{2}\.$/)).toBeVisible();
  await expectNoAxeViolations(page, 'export page after a backup');
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  for (const secret of [a, b, 'Erhvervsskolen', 'Klubben']) expect(bytes.includes(secret)).toBe(false);

  // Debian's age decrypts it with the passphrase, and only with it.
  const plain = path.join(dir, 'backup.json');
  expect(ageWithTerminal(['-d', '-o', path.join(dir, 'wrong.json'), file], 'not the passphrase at all\n').status).not.toBe(0);
  const decrypted = ageWithTerminal(['-d', '-o', plain, file], `${BACKUP_PASSPHRASE}\n`);
  expect(decrypted.status, decrypted.output).toBe(0);
  const doc = JSON.parse(fs.readFileSync(plain, 'utf8'));
  expect(doc.format).toBe('trivsel-backup');
  expect(doc.version).toBe(1);
  expect(doc.participants.map((p) => p.code).sort()).toEqual([a, b].sort());
  expect(doc.records).toHaveLength(3);

  // A wiped profile (a new browser context has no site data): set up, restore.
  const wiped = await browser.newContext({ baseURL, hasTouch: true, viewport: testInfo.project.use.viewport });
  const fresh = await wiped.newPage();
  try {
    await fresh.goto('./');
    await setPin(fresh);
    await expect(fresh.getByText('Der er ingen deltagere på denne tablet endnu.')).toBeVisible();
    await toExportPage(fresh);
    await readBackup(fresh, file, 'forkert adgangssætning her');
    await expect(fresh.getByRole('alert')).toHaveText('Forkert adgangssætning til sikkerhedskopien.');
    await readBackup(fresh, file);
    await expect(fresh.getByText('Nye: 2 deltagere og 3 besvarelser. Findes allerede med samme indhold: 0 deltagere og 0 besvarelser. Konflikter: 0 deltagere og 0 besvarelser. Slettet tidligere og tages ikke med: 0 deltagere og 0 besvarelser.')).toBeVisible();
    await expectNoAxeViolations(fresh, 'restore plan');
    await press(button(fresh, 'Gendan 2 deltagere og 3 besvarelser'));
    await expect(fresh.getByRole('alert')).toHaveText('Gendannet: 2 deltagere og 3 besvarelser.');
    await press(fresh.getByRole('link', { name: 'Alle deltagere' }));
    await unlock(fresh);
    const after = await shown(fresh, [a, b]);
    expect(after).toEqual(before);
  } finally {
    await wiped.close();
  }

  // Restoring into a tablet with overlapping data: a changed copy of the backup (one
  // participant's facts, one response's answer, one new participant) shows the duplicates
  // and both versions of each conflict, and restores only what is new.
  const changed = structuredClone(doc);
  const pa = changed.participants.find((p) => p.code === a);
  pa.gender = 'boy';
  const record = changed.records.find((r) => r.participant === b);
  const [instrument] = Object.keys(record.answers);
  const [item] = Object.keys(record.answers[instrument]);
  record.answers[instrument][item] = record.answers[instrument][item] === 0 ? 1 : 0;
  changed.participants.push({ ...changed.participants.find((p) => p.code === b), code: 'ZZZZZ9' });
  const changedPlain = path.join(dir, 'changed.json');
  const changedFile = path.join(dir, 'changed.age');
  fs.writeFileSync(changedPlain, JSON.stringify(changed));
  const encrypted = ageWithTerminal(['-p', '-o', changedFile, changedPlain], `${BACKUP_PASSPHRASE}\n${BACKUP_PASSPHRASE}\n`);
  expect(encrypted.status, encrypted.output).toBe(0);
  await readBackup(page, changedFile);
  await expect(page.getByText('Nye: 1 deltagere og 0 besvarelser. Findes allerede med samme indhold: 1 deltagere og 2 besvarelser. Konflikter: 1 deltagere og 1 besvarelser. Slettet tidligere og tages ikke med: 0 deltagere og 0 besvarelser.')).toBeVisible();
  const conflicts = page.locator('table.conflicts tbody tr');
  await expect(conflicts).toHaveCount(2);
  await expect(conflicts.nth(0)).toContainText(a);
  await expect(conflicts.nth(0).getByRole('cell').nth(0)).toContainText('Pige');
  await expect(conflicts.nth(0).getByRole('cell').nth(1)).toContainText('Dreng');
  await expect(conflicts.nth(1)).toContainText(b);
  await expectNoAxeViolations(page, 'restore plan with conflicts');
  await press(button(page, 'Gendan 1 deltagere og 0 besvarelser'));
  await expect(page.getByRole('alert')).toHaveText('Gendannet: 1 deltagere og 0 besvarelser.');

  // An erased participant never comes back from an older backup.
  await page.getByLabel('Deltager', { exact: true }).selectOption(b);
  await press(button(page, `Slet deltager ${b} …`));
  await press(button(page, `Ja, slet ${b} og 1 besvarelser`));
  await expect(page.getByRole('alert')).toHaveText(`Deltager ${b} og 1 besvarelser er slettet fra tabletten.`);
  await readBackup(page, file);
  await expect(page.getByText('Nye: 0 deltagere og 0 besvarelser. Findes allerede med samme indhold: 1 deltagere og 2 besvarelser. Konflikter: 0 deltagere og 0 besvarelser. Slettet tidligere og tages ikke med: 1 deltagere og 1 besvarelser.')).toBeVisible();
  await press(button(page, 'Gendan 0 deltagere og 0 besvarelser'));
  await press(page.getByRole('link', { name: 'Alle deltagere' }));
  await unlock(page);
  await expect(page.getByRole('button', { name: `Åbn deltager ${a}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Åbn deltager ZZZZZ9' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Åbn deltager ${b}` })).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: a });
  await expect(row).toContainText('Pige');
  fs.rmSync(dir, { recursive: true, force: true });
});
