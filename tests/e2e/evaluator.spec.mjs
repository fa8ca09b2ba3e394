// The evaluator's page (/evaluator/): export files in, one merged report out.
// Files go in through the labelled file input and by drag and drop; the
// figures on the page are read the way a person reads a table (row header,
// column header) and must be those of the committed expected report; hostile
// files are each rejected with a Danish reason and never become markup; the
// CSV downloads are core's; the settings and charts are those the data
// defines; a questionnaire trivsel does not ship is reported from the
// definition its export carries; and axe finds no WCAG 2.2 A/AA violation.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, expectVisibleFieldBorders, fileLine, fixture, reportCell } from './helpers.mjs';

const tablets = ['a', 'b', 'c'].map((t) => fixture(`export/v1-tablet-${t}.json`));
const expected = JSON.parse(fs.readFileSync(fixture('report/report.json'), 'utf8'));

/** A cell of the expected report by table, row and column id. */
function expectedCell(table, row, column) {
  const t = expected.tables.find((x) => x.id === table);
  const r = t.rows.find((x) => x.id === row);
  return r.cells[t.columns.findIndex((c) => c.id === column)];
}

/** A report cell as core prints it in Danish: "55,7 (45)", "45", "< 5", "skjult". */
function danish(cell, kind) {
  if (cell.kind === 'suppressed') return `< ${expected.params.min_cell}`;
  if (cell.kind === 'hidden') return 'skjult';
  if (kind === 'count') return String(cell.value);
  const value = cell.value.toFixed(1).replace('.', ',');
  return `${kind === 'percent' ? `${value} %` : value} (${cell.n})`;
}

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

  const figures = [
    ['Deltagere', 'Deltagere', 'Alle', ['participants', 'participants', 'all'], 'count'],
    ['Deltagere', 'Besvarelser', 'Alle', ['participants', 'responses', 'all'], 'count'],
    ['Deltagere', 'Deltagere', 'Pige', ['participants', 'participants', 'girl'], 'count'],
    ['Deltagere', 'Andel af de indskrevne med en senere måling', 'Alle', ['participants', 'completion', 'all'], 'percent'],
    ['Deltagere', 'Andel af de indskrevne med en afslutning', 'Alle', ['participants', 'end_completion', 'all'], 'percent'],
    ['WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved indskrivning', 'Alle', ['who5', 'percentage.mean.intake', 'all'], 'mean'],
    ['WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved sidste måling', 'Alle', ['who5', 'percentage.mean.last', 'all'], 'mean'],
    ['WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved indskrivning', 'Dreng', ['who5', 'percentage.mean.intake', 'boy'], 'mean'],
    ['WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved indskrivning', 'Ønsker ikke at svare', ['who5', 'percentage.mean.intake', 'not_stated'], 'mean'],
    ['WHO-5 Trivselsindeks', 'Andel med pålidelig bedring', 'Alle', ['who5', 'percentage.changed.last.reliable.improved', 'all'], 'percent'],
    ['Trivselsstigen (0–10)', 'Trivselsstigen gennemsnit ved indskrivning', 'Alle', ['cantril', 'value.mean.intake', 'all'], 'mean'],
    ['Trivselsstigen (0–10)', 'Andel med høj livstilfredshed (6–10) ved indskrivning', 'Alle', ['cantril', 'value.band_share.intake.hbsc.high', 'all'], 'percent'],
  ];
  for (const [caption, row, column, at, kind] of figures) {
    expect(await reportCell(page, caption, row, column), `${row} / ${column}`).toBe(danish(expectedCell(...at), kind));
  }
  // The suppressed cell is shown as "< 5", exactly.
  expect(expectedCell('who5', 'percentage.mean.intake', 'not_stated').kind).toBe('suppressed');
  expect(await reportCell(page, 'WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved indskrivning', 'Ønsker ikke at svare')).toBe('< 5');
  // The distribution table and its charts rest on the same bins; a suppressed bin is "< 5", not 0.
  const distribution = 'Fordeling af WHO-5-score, alle (antal deltagere)';
  const bins = expected.tables.find((t) => t.id === 'who5.percentage.distribution').rows;
  expect(bins).toHaveLength(10);
  for (const bin of bins) {
    expect(await reportCell(page, distribution, bin.label.da, 'Alle, indskrivning')).toBe(danish(bin.cells[0], 'count'));
    expect(await reportCell(page, distribution, bin.label.da, 'Alle, sidste måling')).toBe(danish(bin.cells[1], 'count'));
  }
  // One distribution in the data: one pair of charts under its title, everyone at intake and last.
  await expect(page.getByRole('heading', { name: distribution, level: 3 })).toBeVisible();
  await expect(page.getByRole('img')).toHaveCount(2);
  const intakeChart = page.getByRole('img', { name: /Fordeling af WHO-5-score.*ved indskrivning/ });
  await expect(intakeChart).toHaveAccessibleName(/0–9: < 5; .*30–39: 7;/);
  await expect(page.getByRole('img', { name: /ved sidste måling/ })).toBeVisible();
  await expect(page.locator('.dist-chart .axis-title').first()).toHaveText('WHO-5: Procentscore (0–100)');

  // English: the same figures in English notation, and the document says so.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Evaluation', level: 1 })).toBeVisible();
  const mean = expectedCell('who5', 'percentage.mean.intake', 'all');
  expect(await reportCell(page, 'WHO-5 Well-Being Index', 'WHO-5 mean at intake', 'All')).toBe(`${mean.value.toFixed(1)} (${mean.n})`);
  await expect(page.getByRole('img', { name: /Distribution of WHO-5 scores.*at intake/ })).toBeVisible();
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
    'bad-uuid.json': 'records[1].response_id',
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
    'record-as-array.json': 'skal være et objekt, men er en liste',
    'point-as-array.json': 'records[0].point',
    'repeated-answer-key.json': 'står to gange i «records[0].answers.who5»',
    'repeated-score-key.json': 'records[0].scores',
    'correction-cycle.json': 'Rettelserne går i ring',
    'gender-null.json': 'men er null',
    'gender-number.json': 'men er et heltal',
    'course-array.json': 'records[0].course',
    'lowercase-code.json': 'den har små bogstaver',
    'lookalike-code.json': 'bogstavet O',
    'spaced-code.json': 'mellemrum eller bindestreger',
    'padded-site.json': 'mellemrum før eller efter navnet',
    'zero-width-site.json': '\\u{200B}',
    'escape-in-site.json': '\\u{1B}',
  };
  // The corpus's files that import alone (README: "Files that import alone, and must").
  const alone = ['negative-zero-answer.json', 'same-export-id-a.json', 'same-export-id-b.json'];
  const all = fs.readdirSync(dir).filter((f) => f !== 'README.md').sort();
  expect(all).toEqual([...Object.keys(reasons), ...alone].sort());
  const hostile = all.filter((f) => !alone.includes(f));
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
  // The refused character is named as text («<»), the markup around it never echoed.
  const htmlStatus = fileLine(page, 'html-in-strings.json').locator('.file-status');
  await expect(htmlStatus).toContainText('Tegnet «<»');
  await expect(htmlStatus).not.toContainText('<img');
  await expect(htmlStatus).not.toContainText('<script');

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
  const participants = await reportCell(page, 'Deltagere', 'Deltagere', 'Alle');

  await drop();
  await expect(fileLine(page, 'v1-tablet-b.json (2)')).toContainText('32 besvarelser');
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 31 besvarelser fra 2 filer.');
  await expect(page.getByRole('region', { name: 'Sammenlægning' }).locator('div').filter({ hasText: 'Dubletter' }).locator('dd')).toHaveText('32');
  expect(await reportCell(page, 'Deltagere', 'Deltagere', 'Alle')).toBe(participants);
  await page.getByRole('button', { name: 'Fjern v1-tablet-b.json (2)', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 31 besvarelser fra 1 fil.');

  // The same response id with other content in another file: a conflict, listed, and left out.
  const changed = JSON.parse(text);
  const id = changed.records[0].response_id;
  changed.records[0].site = 'Et andet sted';
  // Another export (one export id with other content is refused before any merge).
  changed.export_id = randomUUID();
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
  expect(report.text).toContain('\r\nwho5,percentage.mean.intake,all,WHO-5 gennemsnit ved indskrivning,Alle,55.7,45\r\n');
  expect(report.text).toContain(',not_stated,Deltagere,Ønsker ikke at svare,< 5,\r\n');

  const csv = await save('Download besvarelser (CSV)');
  expect(csv.name).toMatch(/^trivsel-besvarelser-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.text.startsWith('\uFEFFresponse_id,participant,')).toBe(true);
  // A column per item and score of the questionnaires in the files, named by the data.
  const header = csv.text.slice(1).split('\r\n')[0].split(',');
  expect(header).toContain('who5_percentage');
  expect(header).toContain('cantril_value');
  expect(header.some((h) => h.startsWith('substance_'))).toBe(false);
  expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1 + 85);

  const ndjson = await save('Download besvarelser (NDJSON)');
  expect(ndjson.name).toMatch(/^trivsel-besvarelser-\d{4}-\d{2}-\d{2}\.ndjson$/);
  const lines = ndjson.text.trimEnd().split('\n');
  expect(lines).toHaveLength(85);
  expect(new Set(lines.map((l) => JSON.parse(l).response_id)).size).toBe(85);
});

test('the settings are those the figures in the data use; a changed one recomputes the report, and a wrong one is named', async ({ page }) => {
  await open(page);
  await loadTablets(page);
  const settings = page.getByRole('region', { name: 'Indstillinger' });
  // One field per reference and reliable-change criterion the figures use, the smallest
  // group shown, and the breakdown; each starts at the data's own value.
  await expect(settings.getByRole('textbox')).toHaveCount(3);
  await expect(settings.getByRole('combobox')).toHaveCount(1);
  const field = page.getByLabel('Reference for Stige 0–10 (danske unge generelt)');
  await expect(field).toHaveValue('7,5');
  await expect(field).toHaveAccessibleDescription('Et tal fra 0 til 10; skemaets egen: 7,5.');
  const reliable = page.getByLabel('Pålidelig ændring for WHO-5 %: mere end (point)');
  await expect(reliable).toHaveValue('23,6');
  const minCell = page.getByLabel('Mindste viste gruppe (deltagere)');
  await expect(minCell).toHaveValue('5');

  await field.fill('8');
  await field.press('Enter');
  await field.blur();
  // 5,3 at intake against 8: -2,7.
  expect(await reportCell(page, 'Trivselsstigen (0–10)', 'Forskel fra danske unge generelt (8) ved indskrivning', 'Alle')).toBe('-2,7 (45)');
  await field.fill('11');
  await field.blur();
  await expect(page.getByText('Referencen for Stige 0–10 (danske unge generelt) skal være et tal fra 0 til 10 (ikke 11).')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/ikke 11/);
  await field.fill('7,5');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  expect(await reportCell(page, 'Trivselsstigen (0–10)', 'Forskel fra danske unge generelt (7,5) ved indskrivning', 'Alle')).toBe('-2,2 (45)');

  // Reliable change: the report's note says the criterion it used.
  await reliable.fill('5');
  await reliable.blur();
  await expect(page.getByText('Pålidelig ændring for WHO-5 %: en ændring på mere end 5 point (mindste påviselige ændring).')).toBeVisible();
  await reliable.fill('0');
  await reliable.blur();
  await expect(reliable).toHaveAttribute('aria-invalid', 'true');
  await expect(reliable).toHaveAccessibleDescription(/større end 0 \(ikke 0\)/);
  await reliable.fill('23,6');
  await reliable.blur();
  await expect(page.getByText('Pålidelig ændring for WHO-5 %: en ændring på mere end 23,6 point (mindste påviselige ændring).')).toBeVisible();

  // The smallest group shown: the 6 under «Andet» are hidden («skjult») at 5, so that
  // 45 − 17 − 18 − 6 does not give the 4 who did not say away, and under 10 at 10.
  expect(expectedCell('participants', 'participants', 'other').kind).toBe('hidden');
  expect(await reportCell(page, 'Deltagere', 'Deltagere', 'Andet')).toBe('skjult');
  expect(await reportCell(page, 'WHO-5 Trivselsindeks', 'WHO-5 gennemsnit ved indskrivning', 'Andet')).toBe('skjult');
  await expect(page.getByText(/^21 celler mere vises som «skjult» \(Andet 20, Alle 1\)/)).toBeVisible();
  await minCell.fill('10');
  await minCell.blur();
  await expect(page.getByText('Celler med færre end 10 deltagere vises som «< 10».')).toBeVisible();
  expect(await reportCell(page, 'Deltagere', 'Deltagere', 'Andet')).toBe('< 10');
  // At 2, everyone's 50–59 at intake (6) is hidden to protect the bins under 2: the chart
  // draws it with no bar at all (a height would tell its size), and its key says so.
  await minCell.fill('2');
  await minCell.blur();
  await expect(page.getByText('Celler med færre end 2 deltagere vises som «< 2».')).toBeVisible();
  expect(await reportCell(page, 'Fordeling af WHO-5-score, alle (antal deltagere)', '50–59', 'Alle, indskrivning')).toBe('skjult');
  const intakeBars = page.locator('.dist-chart').first();
  await expect(intakeBars.getByRole('img')).toHaveAccessibleName(/0–9: < 2; 10–19: < 2; 20–29: 4; .*50–59: skjult;/);
  await expect(intakeBars.locator('rect.col-suppressed')).toHaveCount(3);
  await expect(intakeBars.locator('rect.col')).toHaveCount(3 + 6);
  await expect(intakeBars.locator('text.value-hidden')).toHaveText(['skjult']);
  await expect(page.getByText('«skjult» uden søjle: mindst 2 deltagere, skjult så de små tal ikke kan regnes ud.')).toBeVisible();
  await expectNoAxeViolations(page, 'evaluator: a hidden bin in the chart');
  await minCell.fill('2,5');
  await minCell.blur();
  await expect(page.getByText('Skriv et helt tal, fx 5.')).toBeVisible();
  await minCell.fill('5');
  await minCell.blur();
  await expect(minCell).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText('Celler med færre end 5 deltagere vises som «< 5».')).toBeVisible();

  // The breakdown: by site, then by course type, then back to gender.
  const by = page.getByLabel('Grupper i tabellerne');
  await expect(by).toHaveValue('gender');
  const headers = async () => (await page.getByRole('table', { name: 'Deltagere', exact: true }).locator('thead th').allInnerTexts()).map((h) => h.trim());
  await by.selectOption({ label: 'Sted' });
  await expect.poll(headers).toEqual(['Mål', 'Alle', 'Rådgivningen Ærø', 'Ung i Odense', 'UngRåd Aarhus']);
  expect(await reportCell(page, 'Deltagere', 'Deltagere', 'Alle')).toBe('45');
  await by.selectOption({ label: 'Forløbstype' });
  await expect.poll(headers).toEqual(['Mål', 'Alle', 'Rådgivning', 'Individuel behandling', 'Gruppeforløb', 'Forældre']);
  await by.selectOption({ label: 'Køn' });
  await expect.poll(headers).toEqual(['Mål', 'Alle', 'Pige', 'Dreng', 'Andet', 'Ønsker ikke at svare']);
  expect(await reportCell(page, 'Deltagere', 'Deltagere', 'Pige')).toBe('17');
});

/** A version 2 export of six courses (intake and end) answering the test programme's
 * `worry` questionnaire, whose definition it carries: totals 12 → 3, 9 → 6, 6 → 5, 9 → 11,
 * 3 → 0, 10 → 3. `factor` scores it another way (a clashing definition). */
function worryExport(salt, factor = 1) {
  const programme = JSON.parse(fs.readFileSync(fixture('programme/worry.json'), 'utf8'));
  const definition = programme.instruments[0];
  if (factor !== 1) definition.scores[0].rule = { kind: 'sum', factor };
  const courses = [[[4, 4, 4], [1, 1, 1]], [[3, 3, 3], [2, 2, 2]], [[2, 2, 2], [2, 2, 1]],
    [[4, 3, 2], [4, 4, 3]], [[1, 1, 1], [0, 0, 0]], [[3, 4, 3], [1, 2, 0]]];
  const id = (n) => `00000000-0000-4000-8000-${String(salt).padStart(4, '0')}${String(n).padStart(8, '0')}`;
  const records = courses.flatMap(([intake, end], n) => [['intake', '2026-W06', intake], ['end', '2026-W19', end]].map(([kind, week, values], k) => ({
    response_id: id(n * 2 + k),
    participant: `W${salt}000${n}`,
    gender: n % 2 === 0 ? 'girl' : 'boy',
    age_band: '15-17',
    site: 'Ung i Vejle',
    course: 'counselling',
    point: { kind },
    week,
    instruments: [{ id: 'worry', version: 1 }],
    answers: { worry: Object.fromEntries(definition.items.map((item, i) => [item.id, values[i]])) },
    scores: { worry: { total: factor * values.reduce((a, b) => a + b, 0) } },
    supersedes: null,
  })));
  return {
    name: factor === 1 ? 'bekymring.json' : 'bekymring-anden.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({
      format: 'trivsel-export', version: 2, app_version: '0.1.0', export_id: id(99), created: '2026-05-08',
      instruments: [definition], records,
    })),
  };
}

test('a questionnaire trivsel does not ship is reported from its export, beside its programme file; another definition of it is rejected', async ({ page }) => {
  await open(page);
  const programme = { name: 'worry.json', mimeType: 'application/json', buffer: fs.readFileSync(fixture('programme/worry.json')) };
  await page.getByLabel('Vælg eksportfiler').setInputFiles([programme, worryExport(1)]);
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 12 besvarelser fra 1 fil.');
  await expect(fileLine(page, 'worry.json')).toContainText('Programfil: Bekymringsprogram (test), version 1 (1 skema)');
  await expect(fileLine(page, 'bekymring.json')).toContainText('12 besvarelser');
  await expect(page.getByRole('heading', { name: 'Evalueringsrapport: Bekymringer (testskema)', level: 2 })).toBeVisible();
  const table = 'Bekymringer (testskema)';
  // By hand: intake 49/6, last 28/6; 9–12 at intake 4 of 6, last 1 of 6; 3 points or more lower: 4 of 6.
  for (const [row, text] of [
    ['Bekymring 0–12: gennemsnit ved indskrivning', '8,2 (6)'],
    ['Bekymring 0–12: gennemsnit ved sidste måling', '4,7 (6)'],
    ['Andel med mange bekymringer (9–12) ved indskrivning', '66,7 % (6)'],
    ['Andel med mange bekymringer (9–12) ved sidste måling', '16,7 % (6)'],
    ['Andel med bedring efter 3-point-reglen ved sidste måling', '66,7 % (6)'],
  ]) {
    expect(await reportCell(page, table, row, 'Alle'), row).toBe(text);
  }
  expect(await reportCell(page, table, 'Bekymring 0–12: gennemsnit ved indskrivning', 'Pige')).toBe('< 5');
  // Its figures use no reference and no reliable change: only the smallest group and the breakdown.
  const settings = page.getByRole('region', { name: 'Indstillinger' });
  await expect(settings.getByRole('textbox')).toHaveCount(1);
  await expect(settings.getByRole('combobox')).toHaveCount(1);
  await expect(page.getByRole('img')).toHaveCount(0);

  // worry version 1 scored another way cannot stand beside it: rejected whole, the report stays.
  await page.getByLabel('Vælg eksportfiler').setInputFiles(worryExport(2, 2));
  await expect(fileLine(page, 'bekymring-anden.json').locator('.file-status')).toContainText(
    'Afvist: Filens skemadefinition kan ikke bruges: Skemaet «worry» version 1 findes allerede i en anden udgave med andre svar eller scorer.',
  );
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 12 besvarelser fra 1 fil. 1 fil er afvist.');
  expect(await reportCell(page, table, 'Bekymring 0–12: gennemsnit ved indskrivning', 'Alle')).toBe('8,2 (6)');
  await expectNoAxeViolations(page, 'an unshipped questionnaire');
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
