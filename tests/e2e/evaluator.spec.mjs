// The evaluator's page (/evaluator/): export files in, one merged report out.
// Files go in through the labelled file input and by drag and drop; the
// figures on the page are read the way a person reads a table (row header,
// column header) and must be those of the committed expected report; hostile
// files are each rejected with a Danish reason and never become markup; the
// CSV downloads are core's; and axe finds no WCAG 2.2 A/AA violation.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, expectVisibleFieldBorders } from './helpers.mjs';

const fixture = (rel) => new URL(`../fixtures/${rel}`, import.meta.url).pathname;
const tablets = ['a', 'b', 'c'].map((t) => fixture(`export/v1-tablet-${t}.json`));
const expected = JSON.parse(fs.readFileSync(fixture('report/v1-report.json'), 'utf8'));

/** A report cell as core prints it in Danish: "55,7 (45)", "45", "< 5". */
function danish(cell, kind) {
  if (cell.kind === 'suppressed') return `< ${expected.params.min_cell}`;
  if (kind === 'count') return String(cell.value);
  const value = cell.value.toFixed(1).replace('.', ',');
  return `${kind === 'percent' ? `${value} %` : value} (${cell.n})`;
}

/** The text of the cell in the row headed `row` and the column headed `column`
 * of the table captioned `caption`. Waits for that row first: a changed
 * setting takes the report away while it is computed again, and a row header
 * that names the setting ("(8)") exists only in the report computed with it. */
async function cell(page, caption, row, column) {
  const table = page.getByRole('table', { name: caption, exact: true });
  const tr = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) });
  await expect(tr).toHaveCount(1);
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(column);
  expect(index, `column "${column}" in ${headers.join(' | ')}`).toBeGreaterThan(0);
  return (await tr.getByRole('cell').nth(index - 1).innerText()).trim();
}

/** The line of the file list that names `name`. */
const fileLine = (page, name) => page.locator('.file-list li').filter({ has: page.getByText(name, { exact: true }) });

async function open(page) {
  await page.goto('./evaluator/');
  await expect(page.getByRole('heading', { name: 'Evaluering', level: 1 })).toBeVisible();
}

async function loadTablets(page) {
  await page.getByLabel('Vælg eksportfiler').setInputFiles(tablets);
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 85 besvarelser fra 3 filer.');
}


test('three tablets\' files load, and the tables show the expected report', async ({ page }) => {
  await open(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
  await expect(page.getByRole('link', { name: 'Til tablet-appen' })).toHaveAttribute('href', '../');
  // The status region says "Beregner …" (painted) before the report is ready.
  await page.evaluate(() => {
    window.__statuses = [];
    const region = document.querySelector('[role="status"]');
    new MutationObserver(() => window.__statuses.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await loadTablets(page);
  expect(await page.evaluate(() => window.__statuses)).toContain('Beregner …');

  for (const [name, n] of [['v1-tablet-a.json', 29], ['v1-tablet-b.json', 32], ['v1-tablet-c.json', 28]]) {
    await expect(fileLine(page, name)).toContainText(`${n} besvarelser`);
  }
  const merge = page.getByRole('region', { name: 'Sammenlægning' });
  await expect(merge.locator('div').filter({ hasText: 'Dubletter' }).locator('dd')).toHaveText('1');
  await expect(merge.locator('div').filter({ hasText: 'Erstattet af en rettelse' }).locator('dd')).toHaveText('3');

  const o = expected.overall;
  const figures = [
    ['Deltagere', 'Deltagere', 'Alle', o.participants, 'count'],
    ['Deltagere', 'Besvarelser', 'Alle', o.responses, 'count'],
    ['Deltagere', 'Deltagere', 'Pige', expected.by_gender[0].participants, 'count'],
    ['Deltagere', 'Andel af de indskrevne med en senere måling', 'Alle', o.completion, 'percent'],
    ['WHO-5 Trivselsindeks (0–100)', 'WHO-5 gennemsnit ved indskrivning', 'Alle', o.who5_intake_mean, 'mean'],
    ['WHO-5 Trivselsindeks (0–100)', 'WHO-5 gennemsnit ved sidste måling', 'Alle', o.who5_last_mean, 'mean'],
    ['WHO-5 Trivselsindeks (0–100)', 'WHO-5 gennemsnit ved indskrivning', 'Dreng', expected.by_gender[1].who5_intake_mean, 'mean'],
    ['WHO-5 Trivselsindeks (0–100)', 'WHO-5 gennemsnit ved indskrivning', 'Ønsker ikke at svare', expected.by_gender[3].who5_intake_mean, 'mean'],
    ['Trivselsstigen (0–10)', 'Trivselsstigen gennemsnit ved indskrivning', 'Alle', o.ladder_intake_mean, 'mean'],
  ];
  for (const [caption, row, column, value, kind] of figures) {
    expect(await cell(page, caption, row, column), `${row} / ${column}`).toBe(danish(value, kind));
  }
  // The suppressed cell is shown as "< 5", exactly.
  expect(expected.by_gender[3].who5_intake_mean.kind).toBe('suppressed');
  expect(await cell(page, 'WHO-5 Trivselsindeks (0–100)', 'WHO-5 gennemsnit ved indskrivning', 'Ønsker ikke at svare')).toBe('< 5');
  // The distribution table and its charts rest on the same bins; a suppressed bin is "< 5", not 0.
  const distribution = 'Fordeling af WHO-5-score, alle (antal deltagere)';
  for (const bin of o.who5_intake_bins) {
    expect(await cell(page, distribution, `${bin.from}–${bin.to}`, 'Indskrivning')).toBe(danish(bin.cell, 'count'));
  }
  const intakeChart = page.getByRole('img', { name: /WHO-5-score ved indskrivning/ });
  await expect(intakeChart).toHaveAccessibleName(/0–9: < 5; .*30–39: 7;/);
  await expect(page.getByRole('img', { name: /ved sidste måling/ })).toBeVisible();

  // English: the same figures in English notation, and the document says so.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Evaluation', level: 1 })).toBeVisible();
  expect(await cell(page, 'WHO-5 Well-Being Index (0–100)', 'WHO-5 mean at intake', 'All')).toBe(`${o.who5_intake_mean.value.toFixed(1)} (${o.who5_intake_mean.n})`);
  await expect(fileLine(page, 'v1-tablet-a.json')).toContainText('29 responses');
  await page.getByRole('button', { name: 'Dansk', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');
});

test('hostile files are each rejected with a Danish reason, never as markup, and a good file still loads', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await open(page);
  const scripts = await page.locator('script').count();
  const dir = fixture('hostile');
  // Every committed case (the 50 MB one is built in memory by core's tests, not committed).
  const reasons = {
    'bad-uuid.json': 'Post 2',
    'deep-nesting.json': 'indlejret mere end 128 niveauer',
    'duplicate-id-conflict.json': 'står to gange i filen',
    'empty.json': 'Filen er tom.',
    'html-in-strings.json': 'records[0].participant',
    'huge-numbers.json': 'records[0].answers.who5.happy',
    'impossible-values.json': 'Post 2',
    'missing-field.json': 'feltet «gender» mangler',
    'not-json.txt': 'Filen er ikke gyldig JSON (linje 1, kolonne 1).',
    'not-utf8.json': 'Filen er ikke tekst i UTF-8',
    'self-superseding.json': 'retter sig selv',
    'truncated.json': 'Filen er ikke gyldig JSON',
    'unknown-field.json': 'records[0].name',
    'wrong-format.json': 'Filen er ikke en trivsel-eksport.',
    'wrong-types.json': 'records[0].week',
    'wrong-version.json': 'Eksportformatets version 7 kendes ikke',
  };
  const hostile = fs.readdirSync(dir).filter((f) => f !== 'README.md').sort();
  expect(hostile).toEqual(Object.keys(reasons).sort());
  await page.getByLabel('Vælg eksportfiler').setInputFiles([...hostile.map((f) => path.join(dir, f)), tablets[0]]);
  // 29 records, one of them replaced by a correction in the same file (as `trivsel merge` says).
  await expect(page.getByRole('status')).toHaveText(`Rapporten er klar: 28 besvarelser fra 1 fil. ${hostile.length} filer er afvist.`);

  for (const name of hostile) {
    const line = fileLine(page, name);
    await expect(line.locator('.file-status'), name).toContainText('Afvist:');
    await expect(line.locator('.file-status'), name).toContainText(reasons[name]);
  }
  await expect(fileLine(page, 'v1-tablet-a.json')).toContainText('29 besvarelser');
  await expect(page.getByRole('table', { name: 'Deltagere', exact: true })).toBeVisible();

  // Nothing from a file became an element or ran.
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('script')).toHaveCount(scripts);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(fileLine(page, 'html-in-strings.json').locator('.file-status')).not.toContainText('<');

  // Clearing empties the page.
  await page.getByRole('button', { name: 'Ryd', exact: true }).click();
  await expect(page.getByText('Ingen filer endnu.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('a dropped file loads; the same file again changes no figure; a changed copy is a conflict', async ({ page }) => {
  await open(page);
  const text = fs.readFileSync(tablets[1], 'utf8');
  const drop = async () => {
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'v1-tablet-b.json', { type: 'application/json' }));
      return dt;
    }, text);
    const zone = page.locator('.dropzone');
    for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
  };
  await drop();
  await expect(fileLine(page, 'v1-tablet-b.json')).toContainText('32 besvarelser');
  // 32 records, one of them replaced by a correction in the same file.
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 31 besvarelser fra 1 fil.');
  const participants = await cell(page, 'Deltagere', 'Deltagere', 'Alle');

  await drop();
  await expect(fileLine(page, 'v1-tablet-b.json (2)')).toContainText('32 besvarelser');
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 31 besvarelser fra 2 filer.');
  await expect(page.getByRole('region', { name: 'Sammenlægning' }).locator('div').filter({ hasText: 'Dubletter' }).locator('dd')).toHaveText('32');
  expect(await cell(page, 'Deltagere', 'Deltagere', 'Alle')).toBe(participants);
  await page.getByRole('button', { name: 'Fjern v1-tablet-b.json (2)', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 31 besvarelser fra 1 fil.');

  // The same response id with other content in another file: a conflict, listed, and left out.
  const changed = JSON.parse(text);
  const id = changed.records[0].response_id;
  changed.records[0].site = 'Et andet sted';
  await page.getByLabel('Vælg eksportfiler').setInputFiles({
    name: 'v1-tablet-b-rettet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(changed)),
  });
  const merge = page.getByRole('region', { name: 'Sammenlægning' });
  await expect(merge.locator('div').filter({ hasText: 'Konflikter' }).locator('dd')).toHaveText('1');
  await expect(merge.getByRole('listitem')).toHaveText(
    `Id'et ${id} findes med forskelligt indhold i v1-tablet-b.json, v1-tablet-b-rettet.json; ingen af versionerne er taget med.`,
  );
});

test('the report and the merged records download as core writes them', async ({ page }) => {
  await open(page);
  await loadTablets(page);
  const save = async (label) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label, exact: true }).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
  };
  const report = await save('Download rapport (CSV)');
  expect(report.name).toMatch(/^trivsel-rapport-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(report.text.startsWith('\uFEFFtabel,mål,gruppe,tekst,gruppenavn,værdi,n\r\n')).toBe(true);
  expect(report.text).toContain('\r\nparticipants,participants,all,Deltagere,Alle,45,45\r\n');
  expect(report.text).toContain('\r\nwho5,who5_intake_mean,all,WHO-5 gennemsnit ved indskrivning,Alle,55.7,45\r\n');
  expect(report.text).toContain(',not_stated,Deltagere,Ønsker ikke at svare,< 5,\r\n');

  const csv = await save('Download besvarelser (CSV)');
  expect(csv.name).toMatch(/^trivsel-besvarelser-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFFresponse_id,participant,')).toBe(true);
  expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1 + 85);

  const ndjson = await save('Download besvarelser (NDJSON)');
  expect(ndjson.name).toMatch(/^trivsel-besvarelser-\d{4}-\d{2}-\d{2}\.ndjson$/);
  const lines = ndjson.text.trimEnd().split('\n');
  expect(lines).toHaveLength(85);
  expect(new Set(lines.map((l) => JSON.parse(l).response_id)).size).toBe(85);
});

test('a changed setting recomputes the report, and a wrong one is named', async ({ page }) => {
  await open(page);
  await loadTablets(page);
  const field = page.getByLabel('Reference for trivselsstigen (0–10)');
  await field.fill('8');
  await field.press('Enter');
  await field.blur();
  // 5,3 at intake against 8: -2,7.
  expect(await cell(page, 'Trivselsstigen (0–10)', 'Forskel fra danske unge generelt (8) ved indskrivning', 'Alle')).toBe('-2,7 (45)');
  await field.fill('11');
  await field.blur();
  await expect(page.getByText('Referencen for trivselsstigen skal være et tal fra 0 til 10 (ikke 11).')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/ikke 11/);
  await field.fill('7,5');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  expect(await cell(page, 'Trivselsstigen (0–10)', 'Forskel fra danske unge generelt (7,5) ved indskrivning', 'Alle')).toBe('-2,2 (45)');
});

test('the page has no axe violations, empty and with a report', async ({ page }) => {
  await open(page);
  await expectNoAxeViolations(page, 'empty');
  await expectVisibleFieldBorders(page, 'empty');
  await loadTablets(page);
  await page.getByLabel('Vælg eksportfiler').setInputFiles(fixture('hostile/empty.json'));
  await expect(fileLine(page, 'empty.json')).toContainText('Afvist:');
  await expectNoAxeViolations(page, 'report, one file rejected');
  await expectVisibleFieldBorders(page, 'report, one file rejected');
});
