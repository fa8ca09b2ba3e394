// A tablet holding data from an older version upgrades to this one without losing a record:
// on the tablet's first page its PIN unlocks once, a passphrase is chosen there, every store is
// sealed, and the questionnaire in progress resumes at the same question; every participant,
// record and history is readable afterwards, and nothing is left in clear. A migration
// interrupted half way (one store sealed, the next refused) loses nothing, and the next
// unlock with the passphrase finishes it.
//
// Two older versions, each a built dist/ directory served on the same origin as this build, one
// after the other (IndexedDB belongs to the origin): TRIVSEL_BASELINE_DIST, the first release
// (main at 24e2492: plain JSON, IndexedDB version 1), required; and TRIVSEL_BEFORE_DIST, the
// questionnaires-as-data release before encryption (data at d8b2cc7: version 1 with its record
// and draft shapes, e.g. `declined` and `instruments`), tested when it is set.
import { test, expect } from '@playwright/test';
import { startServer } from '../browser.mjs';
import fs from 'node:fs';
import {
  PIN, button, choosePassphrase, expectNoAxeViolations, handOver, newParticipant, press, rawDatabase, setOldPin, unlock, who5Label,
} from './helpers.mjs';

// A port of its own (two servers cannot share one), chosen apart from other runs' with TRIVSEL_UPGRADE_PORT.
const PORT = Number(process.env.TRIVSEL_UPGRADE_PORT || 4191);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const baseline = process.env.TRIVSEL_BASELINE_DIST;
const before = process.env.TRIVSEL_BEFORE_DIST;
const current = process.env.TRIVSEL_DIST || 'dist';

/** Serves `dir` on PORT until the returned function is called. */
const serve = (dir) => startServer(dir, PORT);

async function oldMeasure(page, point, values, ladderValue) {
  await handOver(page, point);
  await press(button(page, 'Start'));
  for (const v of values) await press(button(page, who5Label(v)));
  await press(button(page, String(ladderValue)));
  await press(button(page, 'Send svar'));
  await press(button(page, 'Rådgiver'));
  await page.getByLabel('PIN-kode', { exact: true }).fill(PIN);
  await press(button(page, 'Lås op'));
  await press(button(page, 'Til deltageren'));
}

/** Home's participants and each participant's history (date, measurement point, and the
 * figures of the first two columns), as text: what must survive an upgrade, whatever else the
 * newer screens show. */
async function shown(page, codes) {
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
  // The participants are read after the unlock: wait for all of them.
  await expect(page.locator('table.list tbody tr')).toHaveCount(codes.length);
  const home = (await page.locator('table.list tbody tr th').allTextContents()).map((t) => t.trim()).sort();
  const histories = {};
  for (const code of codes) {
    await press(page.getByRole('button', { name: `Åbn deltager ${code}` }));
    histories[code] = await page.locator('table.history tbody tr').evaluateAll((trs) => trs.map(
      (tr) => [...tr.querySelectorAll('th, td')].slice(0, 4).map((c) => c.innerText.replace(/\s+/g, ' ').trim()),
    ));
    await press(button(page, 'Alle deltagere'));
  }
  return { home, histories };
}

/** An older version on the tablet: two participants, three responses, one in progress. */
async function oldTablet(page) {
  await page.goto(`${ORIGIN}/`);
  await setOldPin(page);
  const a = await newParticipant(page, { site: 'Erhvervsskolen Nord' });
  await oldMeasure(page, 'Indskrivning', [1, 1, 2, 2, 1], 3);
  await oldMeasure(page, 'Afslutning', [3, 4, 3, 4, 3], 8);
  await press(button(page, 'Alle deltagere'));
  const b = await newParticipant(page, { gender: 'Dreng', site: 'Klubben Vest' });
  await oldMeasure(page, 'Indskrivning', [5, 4, 5, 4, 5], 9);
  await press(button(page, 'Alle deltagere'));
  const before = await shown(page, [a, b]);
  await press(page.getByRole('button', { name: `Åbn deltager ${b}` }));
  await handOver(page, 'Afslutning');
  await press(button(page, 'Start'));
  await press(button(page, who5Label(2)));
  await press(button(page, who5Label(3)));
  await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
  const raw = await rawDatabase(page);
  expect(raw.version, 'the older version stores IndexedDB version 1').toBe(1);
  expect(JSON.stringify(raw)).toContain(a);
  return { a, b, before };
}

/** This version, on the tablet's first page: the PIN of the older data unlocks once, no question
 * shows before, and a passphrase is chosen there; the page then holds the key. */
async function upgrade(page, { interrupt = false } = {}) {
  await page.goto(`${ORIGIN}/`);
  await expect(page.getByRole('heading', { name: 'Rådgiver' })).toBeVisible();
  await expect(page.getByText(/Spørgsmål/)).toHaveCount(0);
  await unlock(page, PIN);
  await expect(page.getByRole('heading', { name: 'Vælg en adgangssætning' })).toBeVisible();
  await expectNoAxeViolations(page, 'choose a passphrase for data from before encryption');
  if (interrupt) {
    // The responses store refuses every write, as a browser killed in the middle would leave it.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (this.name === 'responses') throw new DOMException('interrupted', 'AbortError');
        return put.apply(this, args);
      };
    });
  }
  await choosePassphrase(page);
}

/** Fails if anything that describes a person is readable in the raw database. */
async function expectSealed(page, secrets) {
  const raw = await rawDatabase(page);
  expect(raw.version).toBe(2);
  for (const { key, value, kind } of Object.values(raw.stores).flatMap((s) => s.entries)) {
    for (const secret of [...secrets, 'Erhvervsskolen', 'Klubben', '"answers"']) {
      expect(`${key} ${value}`.includes(secret), `${key} shows ${secret}`).toBe(false);
    }
    if (kind === 'text') expect(key).toMatch(/^(keys|lockout|backup|programmes)$/);
  }
}

const olderVersions = [
  { name: 'the first release (24e2492)', dir: baseline, env: 'TRIVSEL_BASELINE_DIST', required: true },
  { name: 'the release before encryption (d8b2cc7)', dir: before, env: 'TRIVSEL_BEFORE_DIST', required: false },
];

for (const older of olderVersions) {
  test.describe(`upgrade from ${older.name}`, () => {
    test.beforeAll(() => {
      if (!older.dir && older.required) {
        throw new Error(`${older.env} is not set: it must name a built dist/ of ${older.name}, e.g. ${older.env}=/work/old-dist-24e2492`);
      }
      if (older.dir && !fs.existsSync(`${older.dir}/index.html`)) throw new Error(`${older.env}=${older.dir} holds no index.html`);
    });

    for (const interrupt of [false, true]) {
      test(interrupt ? 'a migration interrupted half way loses nothing; the next unlock finishes it' : 'every record is readable after the upgrade, and nothing is left in clear', async ({ browser }, testInfo) => {
        test.skip(testInfo.project.name !== 'tablet-landscape', 'one viewport is enough for the data');
        test.skip(!older.dir, `${older.env} is not set`);
        test.setTimeout(180_000);
        // Service workers off: the test is about the data, and each build is served in turn.
        const context = await browser.newContext({ hasTouch: true, viewport: testInfo.project.use.viewport, serviceWorkers: 'block' });
        const page = await context.newPage();
        let stop = await serve(older.dir);
        try {
          const { a, b, before: shownBefore } = await oldTablet(page);
          await stop();
          stop = await serve(current);
          await upgrade(page, { interrupt });
          if (interrupt) {
            await expect(page.getByRole('alert')).toContainText('Gemning mislykkedes');
            const half = await rawDatabase(page);
            expect(half.stores.responses.entries.every((e) => e.kind === 'text'), 'responses not yet sealed').toBe(true);
            expect(half.stores.participants.entries.every((e) => e.kind === 'bytes'), 'participants sealed').toBe(true);
            // Reloaded: the keys exist, so the passphrase unlocks, and the migration goes on.
            await page.goto(`${ORIGIN}/`);
            await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
            await press(button(page, 'Rådgiver'));
            await unlock(page);
          }
          // The questionnaire in progress resumes where it was, with its answers.
          await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
          await expectSealed(page, [a, b]);
          await press(button(page, 'Rådgiver'));
          await unlock(page);
          expect(await shown(page, [a, b])).toEqual(shownBefore);
          // A reload: the passphrase, then the young person goes on where they were.
          await page.goto(`${ORIGIN}/`);
          await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
          await press(button(page, 'Rådgiver'));
          await unlock(page);
          await expect(page.getByText('Spørgsmål 3 af 5')).toBeVisible();
          await press(button(page, 'Tilbage'));
          await expect(button(page, who5Label(3))).toHaveAttribute('aria-pressed', 'true');
          await expectSealed(page, [a, b]);
        } finally {
          await stop();
          await context.close();
        }
      });
    }
  });
}
