// A questionnaire added purely as data (issue 11): a programme file brings an instrument no
// Rust code names (`worry`, a 3-item 0–4 scale, lower is better, with bands, a 3-point change
// criterion and report figures) and a battery. Opened on the export page, it is chosen in
// settings, asked on the tablet by visible labels, scored on the counsellor's screen, shown in
// history, trend and change, exported with its definition, and read by the CLI (validate,
// merge, report) and the evaluator's page. A bad programme file is refused whole, with a reason.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  button, card, chooseBattery, choosePlainExport, figure, handOver, headers, newParticipant, openExportPage, press, reportCell,
  rowTexts, sendAndUnlock, setPin, unlock, worry, worryProgramme, worryProgrammePath,
} from './helpers.mjs';

const root = path.resolve(new URL('../..', import.meta.url).pathname);
const cli = path.join(root, 'target/debug/trivsel');
const DEFAULT_BATTERIES = ['WHO-5 og trivselsstigen', 'WHO-5, trivselsstigen og rusmidler'];
const WORRY_BATTERY = worryProgramme.batteries[0].name.da; // "Bekymringsforløb (test)"
const PROGRAMME_LINE = `${worryProgramme.programme.name.da} (version 1)`; // "Bekymringsprogram (test) (version 1)"

/** Back from the export page to the app's counsellor home. */
async function backToApp(page) {
  await press(page.getByRole('link', { name: 'Alle deltagere' }));
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
}

/** The battery choices in settings, by name, from the counsellor's home (and back). */
async function batteryChoices(page) {
  await press(button(page, 'Indstillinger'));
  const group = page.getByRole('group', { name: 'Spørgeskemaer ved nye målinger' });
  await expect(group).toBeVisible();
  const names = (await group.locator('label').allTextContents()).map((t) => t.trim());
  await press(button(page, 'Annullér'));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  return names;
}

/** After a reload of the export page, the one programme file is still listed, and the app's
 * settings (back at the counsellor's home) offer its battery after the shipped ones. */
async function stillStoredAfterReload(page) {
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('region', { name: 'Programfiler' }).getByRole('listitem')).toHaveText([PROGRAMME_LINE]);
  await backToApp(page);
  expect(await batteryChoices(page)).toEqual([...DEFAULT_BATTERIES, WORRY_BATTERY]);
}

/** One worry measurement at `point`, from the participant's page to the score screen. */
async function measureWorry(page, point, values) {
  await handOver(page, point);
  await expect(page.getByText('Du får 3 korte spørgsmål om, hvordan du har haft det.')).toBeVisible();
  await press(button(page, 'Start'));
  for (const [i, it] of worry.items.entries()) {
    await expect(page.getByText(`Spørgsmål ${i + 1} af 3`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(it.text.da);
    if (i === 0) {
      // The module's name and lead-in on its first question, its stem on every one.
      await expect(page.locator('.question:not([hidden]) .module')).toHaveText(worry.name.da);
      await expect(page.locator('.question:not([hidden]) .intro')).toHaveText(worry.intro.da);
      // A 0–4 scale as rungs, the top first, its ends labelled from the data.
      const rungs = page.getByRole('group', { name: it.text.da });
      await expect(rungs.getByRole('button')).toHaveText(['4', '3', '2', '1', '0']);
      await expect(page.locator('.question.is-scale:not([hidden]) .anchor-top')).toHaveText(worry.response.anchors.high.da);
      await expect(page.locator('.question.is-scale:not([hidden]) .anchor-bottom')).toHaveText(worry.response.anchors.low.da);
    } else {
      await expect(page.locator('.question:not([hidden]) .intro')).toHaveCount(0);
    }
    await expect(page.locator('.question:not([hidden]) .stem')).toHaveText(worry.stem.da);
    await press(button(page, String(values[i])));
  }
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  await expect(page.locator('.answers li .q')).toHaveText(worry.items.map((i) => i.text.da));
  await expect(page.locator('.answers li .a')).toHaveText(values.map(String));
  await sendAndUnlock(page);
}

/** `doc` as if it came from another tablet: new response ids and another participant code. */
function fromAnotherTablet(doc, code) {
  const copy = structuredClone(doc);
  copy.export_id = crypto.randomUUID();
  const ids = new Map(copy.records.map((r) => [r.response_id, crypto.randomUUID()]));
  for (const r of copy.records) {
    r.response_id = ids.get(r.response_id);
    if (r.supersedes) r.supersedes = ids.get(r.supersedes) ?? r.supersedes;
    r.participant = code;
  }
  return copy;
}

test.describe.configure({ mode: 'serial' });

/** The tablet's export, and four copies "from other tablets" so every report cell has 5 participants. */
let exported = null;

test('a programme file\'s questionnaire is asked, scored, tracked and exported with its definition', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await setPin(page);
  expect(await batteryChoices(page)).toEqual(DEFAULT_BATTERIES);

  // The programme file, opened on the export page: checked, stored, listed.
  await openExportPage(page);
  const files = page.getByRole('region', { name: 'Programfiler' });
  await expect(files.getByText('Der er ingen programfiler på denne tablet.')).toBeVisible();
  await page.getByLabel('Åbn programfil').setInputFiles(worryProgrammePath);
  await expect(page.getByRole('alert')).toHaveText(
    `Programfilen «${worryProgramme.programme.name.da}» er indlæst. Dens spørgeskemaer kan nu vælges.`,
  );
  await expect(files.getByRole('listitem')).toHaveText([PROGRAMME_LINE]);

  // Stored: after a reload, and back in the app, settings list the file and offer its battery.
  await stillStoredAfterReload(page);
  await press(button(page, 'Indstillinger'));
  await expect(page.getByRole('region', { name: 'Programfiler' }).getByRole('listitem')).toHaveText([PROGRAMME_LINE]);
  await press(button(page, 'Annullér'));
  await chooseBattery(page, WORRY_BATTERY);

  // Intake 3+3+3 = 9 (many worries), end 2+1+1 = 4 (few): lower is better.
  const code = await newParticipant(page);
  await measureWorry(page, 'Indskrivning', [3, 3, 3]);
  const worryCard = card(page, worry.name.da);
  await expect(page.locator('article.card')).toHaveCount(1);
  await expect(figure(page, 'Bekymringsscore (0–12)')).toHaveText('9 af 12');
  await expect(worryCard.locator('.band-label')).toHaveText(['Mange bekymringer']);
  await expect(worryCard.locator('.band-meaning')).toHaveText(['9–12: mange bekymringer. Tal om det.']);
  await expect(worryCard.locator('.note')).toBeVisible(); // the wording is marked unverified, as the data says
  await press(button(page, 'Til deltageren'));
  await measureWorry(page, 'Afslutning', [2, 1, 1]);
  await expect(figure(page, 'Bekymringsscore (0–12)')).toHaveText('4 af 12');
  await expect(worryCard.locator('.band-label')).toHaveText(['Få bekymringer']);
  await press(button(page, 'Til deltageren'));

  // History, change since intake and the trend, all from the data.
  await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();
  const history = page.locator('table.history');
  expect(await headers(history)).toEqual(['Dato', 'Målepunkt', 'Bekymring 0–12', 'Handlinger']);
  const rows = (await rowTexts(history.locator('tbody tr'))).map((r) => r.slice(1, 3));
  expect(rows).toEqual([['Indskrivning', '9'], ['Afslutning', '4']]);
  const changes = page.locator('table.changes');
  await expect(changes).toHaveCount(1);
  await expect(changes.locator('caption')).toHaveText(
    'Ændring i bekymringsscore (0–12) siden indskrivning. 3-point-reglen: en forskel på mindst 3 point tæller.',
  );
  expect(await headers(changes)).toEqual(['Målepunkt', 'Fra → til', 'Ændring', '3-point-reglen']);
  const [change] = await rowTexts(changes.locator('tbody tr'));
  expect(change[0]).toMatch(/^Afslutning \(\d{4}-\d{2}-\d{2}\)$/);
  expect(change.slice(1)).toEqual(['9 → 4', '-5', 'bedring']);
  await expect(changes.locator('tbody td.change-improved')).toHaveText(['bedring']);
  const chart = page.getByRole('img', { name: 'Bekymringer – Bekymringsscore (0–12) over tid', exact: true });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.series circle')).toHaveCount(2);

  // Exported as JSON on the export page, with the instrument's full definition.
  await press(button(page, 'Alle deltagere'));
  await openExportPage(page);
  await choosePlainExport(page); // no evaluator's key on this tablet
  const [download] = await Promise.all([page.waitForEvent('download'), press(button(page, 'Eksportér 2 besvarelser'))]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(doc.version).toBe(2);
  expect(doc.instruments.map((i) => [i.id, i.version])).toEqual([['worry', 1]]);
  // Everything the programme file says of the instrument (with its defaults written out).
  expect(doc.instruments[0]).toMatchObject(worry);
  // In no particular order (the tablet stores records by their random ids): intake first here.
  const records = [...doc.records].sort((a, b) => ['intake', 'end'].indexOf(a.point.kind) - ['intake', 'end'].indexOf(b.point.kind));
  expect(records.map((r) => [r.point.kind, r.instruments, r.answers, r.scores])).toEqual([
    ['intake', [{ id: 'worry', version: 1 }], { worry: { worried: 3, sleep: 3, school: 3 } }, { worry: { total: 9 } }],
    ['end', [{ id: 'worry', version: 1 }], { worry: { worried: 2, sleep: 1, school: 1 } }, { worry: { total: 4 } }],
  ]);
  expect(doc.records.every((r) => r.participant === code)).toBe(true);

  // Four more tablets' files of the same course, so no report cell is suppressed.
  const dir = path.dirname(file);
  const others = ['A2B3C4', 'D5E6F7', 'G8H9JK', 'MNPQRS'].map((other, i) => {
    const name = path.join(dir, `tablet-${i + 2}.json`);
    fs.writeFileSync(name, JSON.stringify(fromAnotherTablet(doc, other)));
    return name;
  });
  exported = { file, all: [file, ...others], dir };
});

test('the CLI validates, merges and reports the tablet\'s export of the programme\'s questionnaire', async () => {
  test.setTimeout(600_000);
  expect(exported, 'the export from the test before').not.toBeNull();
  // Built from this checkout (a no-op when it is up to date), never a stale binary.
  execFileSync('cargo', ['build', '-q', '-p', 'trivsel-cli'], { cwd: root, stdio: 'inherit' });
  const run = (...args) => {
    const r = spawnSync(cli, args, { cwd: root, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  const validated = run('validate', exported.file);
  expect(validated.code, validated.err).toBe(0);
  expect(validated.out).toMatch(/OK/);
  expect(validated.out).toContain('2');

  const merged = path.join(exported.dir, 'merged.json');
  const merge = run('merge', ...exported.all, '-o', merged);
  expect(merge.code, merge.err).toBe(0);
  const doc = JSON.parse(fs.readFileSync(merged, 'utf8'));
  expect(doc.version).toBe(2);
  expect(doc.instruments.map((i) => i.id)).toEqual(['worry']);
  expect(doc.records).toHaveLength(10);
  expect(run('validate', merged).code).toBe(0);

  const report = run('report', merged, '--format', 'json');
  expect(report.code, report.err).toBe(0);
  const table = JSON.parse(report.out).tables.find((t) => t.id === 'worry');
  expect(table.title.da).toBe(worry.name.da);
  const all = (row) => table.rows.find((r) => r.id === row).cells[table.columns.findIndex((c) => c.id === 'all')];
  expect(all('total.mean.intake')).toEqual({ kind: 'value', value: 9, n: 5 });
  expect(all('total.mean.last')).toEqual({ kind: 'value', value: 4, n: 5 });
  expect(all('total.band_share.intake.levels.many')).toEqual({ kind: 'value', value: 100, n: 5 });
  expect(all('total.band_share.last.levels.many')).toEqual({ kind: 'value', value: 0, n: 5 });
  expect(all('total.changed.last.three_points.improved')).toEqual({ kind: 'value', value: 100, n: 5 });
  const text = run('report', merged);
  expect(text.code, text.err).toBe(0);
  expect(text.out).toContain('Bekymring 0–12: gennemsnit ved indskrivning');
});

test('the evaluator\'s page reports the programme\'s figures from the tablet\'s export', async ({ page }) => {
  expect(exported, 'the export from the test before').not.toBeNull();
  await page.goto('./evaluator/');
  await expect(page.getByRole('heading', { name: 'Evaluering', level: 1 })).toBeVisible();
  await page.getByLabel('Vælg eksportfiler').setInputFiles(exported.all);
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 10 besvarelser fra 5 filer.');
  const cell = (row, column) => reportCell(page, worry.name.da, row, column);
  expect(await cell('Bekymring 0–12: gennemsnit ved indskrivning', 'Alle')).toBe('9,0 (5)');
  expect(await cell('Bekymring 0–12: gennemsnit ved sidste måling', 'Alle')).toBe('4,0 (5)');
  expect(await cell('Andel med mange bekymringer (9–12) ved indskrivning', 'Alle')).toBe('100,0 % (5)');
  expect(await cell('Andel med bedring efter 3-point-reglen ved sidste måling', 'Pige')).toBe('100,0 % (5)');
});

test('a bad programme file is refused whole with a reason, and the batteries stay as they were', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await setPin(page);
  await openExportPage(page);
  const files = page.getByRole('region', { name: 'Programfiler' });
  await page.getByLabel('Åbn programfil').setInputFiles(worryProgrammePath);
  await expect(files.getByRole('listitem')).toHaveText([PROGRAMME_LINE]);

  // A next version of the programme with a new battery, whose bands overlap (4 is in two bands).
  const bad = structuredClone(worryProgramme);
  bad.programme.version = 2;
  bad.instruments[0].version = 2;
  bad.instruments[0].scores[0].band_sets[0].bands[1].min = 4;
  bad.batteries[0].version = 2;
  bad.batteries[0].name = { da: 'Bekymringsforløb 2 (test)', en: 'Worry course 2 (test)' };
  bad.batteries[0].asks[0].instruments = [{ id: 'worry', version: 2 }];
  const badFile = testInfo.outputPath('worry-overlapping-bands.json');
  fs.writeFileSync(badFile, JSON.stringify(bad));
  await page.getByLabel('Åbn programfil').setInputFiles(badFile);
  await expect(page.getByRole('alert')).toContainText('båndet some overlapper et andet');
  await expect(page.getByRole('alert')).not.toContainText('er indlæst');
  await expect(files.getByRole('listitem')).toHaveText([PROGRAMME_LINE]);
  // Not a programme file at all: refused too.
  await page.getByLabel('Åbn programfil').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"trivsel-export","version":2}') });
  await expect(page.getByRole('alert')).toHaveText('Filen er ikke en trivsel-programfil.');
  await expect(files.getByRole('listitem')).toHaveText([PROGRAMME_LINE]);

  // Nothing of the bad file was stored: after a reload, and in the app's settings.
  await stillStoredAfterReload(page);
});
