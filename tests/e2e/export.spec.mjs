// A counsellor exports the tablet's responses, the way the evaluation needs
// them: the choice of records, the three formats, marking, and a separate,
// confirmed delete that only ever removes exported responses.
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  answerAll, button, expectNoAxeViolations, expectVisibleFieldBorders, freshYouth, ladder, press, sendAndUnlock, unlock,
  version, who5,
} from './helpers.mjs';

/** The export page, from the score screen the counsellor sees after sending:
 * its own page, which asks for the PIN again. */
async function openExport(page) {
  await press(button(page, 'Til deltageren'));
  await press(button(page, 'Alle deltagere'));
  await press(page.getByRole('link', { name: 'Eksportér', exact: true }));
  await expect(page).toHaveURL(/\/eksport\/$/);
  await expect(page.getByRole('heading', { name: 'Eksportér', level: 1 })).toHaveCount(0);
  await expectNoAxeViolations(page, 'export page: PIN prompt');
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Eksportér', level: 1 })).toBeVisible();
}

/** Presses the export button and returns the downloaded file's name and text. */
async function download(page, label) {
  const [file] = await Promise.all([page.waitForEvent('download'), press(button(page, label))]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

test('export, mark, export again, choose a period, then delete only what was exported', async ({ page }) => {
  const code = await freshYouth(page);
  await answerAll(page, [5, 3, 5, 5, 5], 7);
  await sendAndUnlock(page);
  const today = await page.evaluate(() => {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  });

  await openExport(page);
  await expectNoAxeViolations(page, 'export page');
  // Default: JSON of what is not yet exported.
  await expect(page.getByRole('radio', { name: 'Kun dem, der ikke er eksporteret endnu' })).toBeChecked();
  const json = await download(page, 'Eksportér 1 besvarelse');
  expect(json.name).toBe(`trivsel-erhvervsskolen-nord-${today}-v${version}.json`);
  const doc = JSON.parse(json.text);
  expect(doc.format).toBe('trivsel-export');
  expect(doc.version).toBe(2);
  expect(doc.app_version).toMatch(/^\d+\.\d+\.\d+/);
  expect(doc.created).toBe(today);
  // The file carries the full definitions of the instruments its records answered: everything
  // the shipped data says (with its defaults written out, e.g. a sum's factor 1).
  expect(doc.instruments.map((i) => [i.id, i.version])).toEqual([['who5', 1], ['cantril', 1]]);
  expect(doc.instruments[0]).toMatchObject(who5);
  expect(doc.instruments[1]).toMatchObject(ladder);
  expect(doc.records).toHaveLength(1);
  const [r] = doc.records;
  expect(r.participant).toBe(code);
  expect(r.site).toBe('Erhvervsskolen Nord');
  expect(r.week).toMatch(/^\d{4}-W\d{2}$/);
  expect(r.instruments).toEqual([{ id: 'who5', version: 1 }, { id: 'cantril', version: 1 }]);
  expect(r.answers).toEqual({ who5: { happy: 5, calm: 3, active: 5, rested: 5, interest: 5 }, cantril: { ladder: 7 } });
  expect(r.scores).toEqual({ who5: { raw: 23, percentage: 92 }, cantril: { value: 7 } });
  // Nothing flagged and nothing declined: neither is written.
  expect(r.flagged).toBeUndefined();
  expect(r.declined).toBeUndefined();
  // No day or time of the response (only the export's own day), no names.
  expect(json.text).not.toContain('"date"');
  expect(json.text.split(today)).toHaveLength(2);
  expect(Object.keys(r).sort()).toEqual(
    ['age_band', 'answers', 'course', 'gender', 'instruments', 'participant', 'point', 'response_id', 'scores', 'site', 'supersedes', 'week'],
  );
  await expect(page.getByRole('alert')).toHaveText(
    `1 besvarelse er eksporteret til trivsel-erhvervsskolen-nord-${today}-v${version}.json og markeret som eksporteret.`,
  );

  // Marked: nothing is left to export by default, and home says so.
  await expect(button(page, 'Eksportér 0 besvarelser')).toBeVisible();
  await press(button(page, 'Eksportér 0 besvarelser'));
  await expect(page.getByRole('alert')).toHaveText('Der er ingen besvarelser at eksportere i det valgte.');

  // All records, as CSV for a spreadsheet.
  await page.getByRole('radio', { name: 'Alle besvarelser' }).check();
  await page.getByRole('radio', { name: 'CSV – til regneark (UTF-8)' }).check();
  const csv = await download(page, 'Eksportér 1 besvarelse');
  expect(csv.name).toBe(`trivsel-erhvervsskolen-nord-${today}-v${version}.csv`);
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.text.trim().split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(csv.text).toContain(code);
  // One column per item and per score.
  const header = lines[0].replace(/^\uFEFF/, '').split(',');
  for (const column of ['who5_happy', 'who5_interest', 'cantril_ladder', 'who5_raw', 'who5_percentage', 'cantril_value']) {
    expect(header, column).toContain(column);
  }
  const values = lines[1].split(',');
  expect(values[header.indexOf('who5_percentage')]).toBe('92');
  expect(values[header.indexOf('cantril_ladder')]).toBe('7');

  // A period: today is in it, a backwards period is refused.
  await page.getByRole('radio', { name: 'Besvarelser i en periode' }).check();
  await page.getByRole('radio', { name: /^NDJSON/ }).check();
  await press(button(page, 'Eksportér 0 besvarelser'));
  await expect(page.getByRole('alert')).toHaveText('Vælg både en start- og en slutdato.');
  await page.getByLabel('Fra og med dato').fill(today);
  await page.getByLabel('Til og med dato').fill('2000-01-01');
  await press(button(page, 'Eksportér 0 besvarelser'));
  await expect(page.getByRole('alert')).toHaveText('Slutdatoen ligger før startdatoen.');
  await page.getByLabel('Til og med dato').fill(today);
  const ndjson = await download(page, 'Eksportér 1 besvarelse');
  expect(ndjson.name).toBe(`trivsel-erhvervsskolen-nord-${today}-v${version}.ndjson`);
  expect(JSON.parse(ndjson.text.trim()).response_id).toBe(r.response_id);

  // Deleting asks first; cancelling keeps everything.
  await press(button(page, 'Slet 1 eksporteret besvarelse …'));
  await expect(page.getByText('Sletningen kan ikke fortrydes.', { exact: false })).toBeVisible();
  await page.getByLabel('Fra og med dato').scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page, 'export page: period and confirming a delete');
  await expectVisibleFieldBorders(page, 'export page: period');
  await press(button(page, 'Annullér'));
  await expect(button(page, 'Slet 1 eksporteret besvarelse …')).toBeVisible();
  await press(button(page, 'Slet 1 eksporteret besvarelse …'));
  await press(button(page, 'Ja, slet 1 besvarelse'));
  await expect(page.getByRole('alert')).toHaveText('1 besvarelse er slettet fra tabletten.');
  await expect(page.getByText('Der er ingen eksporterede besvarelser at slette.')).toBeVisible();

  // Gone after a reload too; the participant stays.
  await page.reload();
  await unlock(page);
  await expect(page.getByText('Der er ingen eksporterede besvarelser at slette.')).toBeVisible();
  await press(page.getByRole('link', { name: 'Alle deltagere' }));
  await unlock(page);
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row.getByRole('cell').last()).toHaveText('0');
});

test('an unexported response is never deleted', async ({ page }) => {
  await freshYouth(page);
  await answerAll(page, [1, 1, 1, 1, 1], 2);
  await sendAndUnlock(page);
  await openExport(page);
  await expect(page.getByText('Der er ingen eksporterede besvarelser at slette.')).toBeVisible();
  // No delete of exported responses offers it (erasing a whole participant is its own,
  // confirmed action in its own section).
  await expect(page.getByRole('region', { name: 'Slet eksporterede besvarelser' }).getByRole('button', { name: /^Slet / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Slet \d/ })).toHaveCount(0);
});
