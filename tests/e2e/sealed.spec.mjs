// Exports encrypted to the evaluator (age): the counsellor enters the
// evaluator's public key (made by Debian's age-keygen) in settings and sees
// its fingerprint; every export is then an age file that Debian's `age -d`
// opens with the evaluator's identity, and a plain export happens only after
// the warned choice. On the evaluator's page the identity file is opened once,
// files that Debian's `age -r` encrypted are read into the report, and a wrong
// key, a truncated file or one under a passphrase (`age -p`) is rejected with
// its reason; a key pair made on the page is one Debian's age accepts. axe
// checks the new parts of both pages.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import {
  ageWithTerminal, answerAll, button, expectNoAxeViolations, fileLine, fixture, freshYouth, openExportPage, PLAIN_EXPORT, press,
  sendAndUnlock,
} from './helpers.mjs';

const tabletA = fixture('export/v1-tablet-a.json');

/** A folder for this test's keys and files, among its results (Playwright empties them). */
function scratch(testInfo) {
  const dir = testInfo.outputPath('files');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A new identity file from Debian's age-keygen; returns its path and public key. */
function ageKeygen(dir, name = 'key.txt') {
  const file = path.join(dir, name);
  execFileSync('age-keygen', ['-o', file], { stdio: 'pipe' });
  const publicKey = fs.readFileSync(file, 'utf8').match(/^# public key: (age1[0-9a-z]+)$/m)[1];
  return { file, publicKey };
}

/** Debian's `age -r`: `input` encrypted to `publicKey`, written to `output`. */
const ageEncrypt = (publicKey, input, output) => execFileSync('age', ['-r', publicKey, '-o', output, input]);

/** Debian's `age -d -i`: the plain text of `file`. */
const ageDecrypt = (identity, file) => execFileSync('age', ['-d', '-i', identity, file], { encoding: 'utf8' });

/** The fingerprint core shows: the first 20 hex digits of SHA-256 of the key, in groups of four. */
const fingerprint = (publicKey) =>
  crypto.createHash('sha256').update(publicKey).digest('hex').slice(0, 20).toUpperCase().match(/.{4}/g).join(' ');

/** Presses `label` and returns the download's suggested name and where it was saved. */
async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), press(locator)]);
  return { name: file.suggestedFilename(), path: await file.path() };
}


test('the counsellor seals exports to the evaluator\'s key; Debian\'s age opens them; plain only when warned', async ({ page }, testInfo) => {
  const dir = scratch(testInfo);
  const key = ageKeygen(dir);
  const code = await freshYouth(page);
  await answerAll(page, [5, 3, 5, 5, 5], 7);
  await sendAndUnlock(page);
  await press(button(page, 'Til deltageren'));
  await press(button(page, 'Alle deltagere'));

  // Settings: the public key pasted, its fingerprint shown to compare by phone.
  await press(button(page, 'Indstillinger'));
  await expect(page.getByRole('heading', { name: 'Indstillinger', level: 1 })).toBeVisible();
  const field = page.getByLabel('Offentlig nøgle (age1…)');
  // A secret key is never kept, not even in the field.
  await field.fill(fs.readFileSync(key.file, 'utf8').match(/^AGE-SECRET-KEY-1\S+$/m)[0]);
  await expect(field).toHaveValue('');
  await field.fill(key.publicKey);
  await expect(page.locator('.fingerprint-value')).toHaveText(fingerprint(key.publicKey));
  await expectNoAxeViolations(page, 'settings: the evaluator\'s public key');
  await press(button(page, 'Gem indstillinger'));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();

  // The export page: sealed to that key by default.
  await openExportPage(page);
  await expect(page.getByText(`Filen krypteres til evaluatorens nøgle med fingeraftrykket ${fingerprint(key.publicKey)}.`)).toBeVisible();
  await expectNoAxeViolations(page, 'export page: sealed to the evaluator');
  const sealed = await download(page, button(page, 'Eksportér 1 besvarelse'));
  expect(sealed.name).toMatch(/^trivsel-erhvervsskolen-nord-\d{4}-\d{2}-\d{2}(-v[\d.]+)?\.json\.age$/);
  const bytes = fs.readFileSync(sealed.path);
  expect(bytes.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
  expect(bytes.includes(Buffer.from(code))).toBe(false);
  const doc = JSON.parse(ageDecrypt(key.file, sealed.path));
  expect(doc.format).toBe('trivsel-export');
  expect(doc.records.map((r) => r.participant)).toEqual([code]);

  // CSV is sealed too.
  await page.getByRole('radio', { name: 'Alle besvarelser' }).check();
  await page.getByRole('radio', { name: 'CSV – til regneark (UTF-8)' }).check();
  const csv = await download(page, button(page, 'Eksportér 1 besvarelse'));
  expect(csv.name).toMatch(/\.csv\.age$/);
  expect(ageDecrypt(key.file, csv.path)).toContain(code);

  // Plain only after the warned choice.
  await page.getByRole('radio', { name: /^JSON/ }).check();
  await page.getByLabel(PLAIN_EXPORT).check();
  await expect(page.getByLabel(PLAIN_EXPORT)).toHaveAccessibleDescription(/^Filen bliver ikke krypteret/);
  await expectNoAxeViolations(page, 'export page: the plain export, warned');
  const plain = await download(page, button(page, 'Eksportér 1 besvarelse'));
  expect(plain.name).toMatch(/\.json$/);
  expect(JSON.parse(fs.readFileSync(plain.path, 'utf8')).records[0].participant).toBe(code);
  // The choice holds for one export only.
  await expect(page.getByLabel(PLAIN_EXPORT)).not.toBeChecked();
});

test('the evaluator opens files age -r encrypted with their identity; a wrong key, a truncated file and a passphrase file say why', async ({ page }, testInfo) => {
  const dir = scratch(testInfo);
  const key = ageKeygen(dir);
  const other = ageKeygen(dir, 'other.txt');
  const sealed = path.join(dir, 'v1-tablet-a.json.age');
  ageEncrypt(key.publicKey, tabletA, sealed);
  const toOther = path.join(dir, 'to-other.json.age');
  ageEncrypt(other.publicKey, tabletA, toOther);
  const truncated = path.join(dir, 'truncated.json.age');
  const whole = fs.readFileSync(sealed);
  fs.writeFileSync(truncated, whole.subarray(0, whole.length - 200));
  // Under a passphrase, as a tablet's backup is (`age -p`): not an export, whatever the key.
  const withPassphrase = path.join(dir, 'passphrase.json.age');
  const made = ageWithTerminal(['-p', '-o', withPassphrase, tabletA], 'en helt anden sætning\nen helt anden sætning\n');
  expect(made.status, made.output).toBe(0);

  await page.goto('./evaluator/');
  await expect(page.getByRole('heading', { name: 'Evaluering', level: 1 })).toBeVisible();
  const files = page.getByLabel('Vælg eksportfiler');
  // Without the key, the file says what it needs.
  await files.setInputFiles([sealed]);
  await expect(fileLine(page, 'v1-tablet-a.json.age')).toContainText('Åbn evaluatorens nøglefil');
  await expect(page.getByRole('status')).toHaveText('Filen er afvist.');

  // The identity file, once: its public key and fingerprint are shown, and the file waiting opens.
  await page.getByLabel('Åbn nøglefil').setInputFiles(key.file);
  const keys = page.getByRole('region', { name: 'Evaluatorens nøgle' });
  await expect(keys.getByText('Nøglen er åbnet.', { exact: false })).toBeVisible();
  await expect(keys.locator('.public-key')).toHaveText(key.publicKey);
  await expect(keys.locator('.fingerprint-value')).toHaveText(fingerprint(key.publicKey));
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 28 besvarelser fra 1 fil.');
  await expect(fileLine(page, 'v1-tablet-a.json.age')).toContainText('29 besvarelser');
  await expectNoAxeViolations(page, 'evaluator: the key opened');

  // Added with the key open: opened as it comes (the same file again changes no figure).
  await press(button(page, 'Ryd'));
  await files.setInputFiles([sealed]);
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 28 besvarelser fra 1 fil.');
  await expect(fileLine(page, 'v1-tablet-a.json.age')).toContainText('29 besvarelser');
  await expect(page.getByRole('table').first()).toBeVisible();

  // Sealed to another key, cut short, and under a passphrase: rejected, each with its reason.
  await files.setInputFiles([toOther, truncated, withPassphrase]);
  await expect(fileLine(page, 'to-other.json.age')).toContainText('Filen er ikke krypteret til denne nøgle');
  await expect(fileLine(page, 'truncated.json.age')).toContainText(/afkortet/);
  await expect(fileLine(page, 'passphrase.json.age')).toContainText('Filen er krypteret med en adgangssætning (f.eks. en sikkerhedskopi af en tablet), ikke til evaluatorens nøgle.');
  await expect(page.getByRole('status')).toHaveText('Rapporten er klar: 28 besvarelser fra 1 fil. 3 filer er afvist.');
  await expectNoAxeViolations(page, 'evaluator: sealed files rejected');
  // And in English.
  await press(button(page, 'English'));
  await expect(fileLine(page, 'to-other.json.age')).toContainText('The file is not encrypted to this key');
  await expect(fileLine(page, 'truncated.json.age')).toContainText(/truncated|cut short/);
  await expect(fileLine(page, 'passphrase.json.age')).toContainText('The file is encrypted with a passphrase (a tablet\'s backup, say), not to the evaluator\'s key.');
});

test('a key pair made on the evaluator\'s page is one Debian\'s age reads', async ({ page }, testInfo) => {
  const dir = scratch(testInfo);
  await page.goto('./evaluator/');
  await press(button(page, 'Lav et nyt nøglepar'));
  const keys = page.getByRole('region', { name: 'Evaluatorens nøgle' });
  await expect(keys.getByText('Den er den eneste kopi af den hemmelige nøgle', { exact: false })).toBeVisible();
  const publicKey = (await keys.locator('.public-key').innerText()).trim();
  expect(publicKey).toMatch(/^age1[0-9a-z]{58}$/);
  await expect(keys.locator('.fingerprint-value')).toHaveText(fingerprint(publicKey));
  await expectNoAxeViolations(page, 'evaluator: a key pair made');
  const saved = await download(page, button(page, 'Gem nøglefilen'));
  expect(saved.name).toBe('trivsel-evaluatornoegle.txt');
  const text = fs.readFileSync(saved.path, 'utf8');
  expect(text).toContain(`# public key: ${publicKey}`);

  // Debian's age encrypts to the public key and decrypts with the saved identity file.
  const identity = path.join(dir, 'identity.txt');
  fs.writeFileSync(identity, text);
  const sealed = path.join(dir, 'tablet-a.json.age');
  ageEncrypt(publicKey, tabletA, sealed);
  expect(ageDecrypt(identity, sealed)).toBe(fs.readFileSync(tabletA, 'utf8'));
  // The page holds the key it made: the same file opens here.
  await page.getByLabel('Vælg eksportfiler').setInputFiles([sealed]);
  await expect(fileLine(page, 'tablet-a.json.age')).toContainText('29 besvarelser');
});
