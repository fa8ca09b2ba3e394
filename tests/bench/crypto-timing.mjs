// Times the slow, deliberate steps of the encrypted storage in the release build (dist/), in
// Debian's Chromium with 4× CPU throttling: the passphrase's unlock (PBKDF2-SHA256, 600 000
// iterations, then unwrapping the key), and a backup's encryption and reading (age, scrypt with
// the work factor in trivsel_core::backup). A measurement, not a test: it prints figures.
// Usage: node tests/bench/crypto-timing.mjs   (TRIVSEL_DIST names another build)
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from '../browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Another port with TRIVSEL_TIMING_PORT, so two worktrees can measure side by side.
const PORT = Number(process.env.TRIVSEL_TIMING_PORT ?? 4190);
const BASE = `http://127.0.0.1:${PORT}`;
const THROTTLE = 4;
const RUNS = 3;
const PASSPHRASE = 'blå cykel under gammel bro';

const stopServer = await startServer(process.env.TRIVSEL_DIST ?? 'dist', PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trivsel-timing-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  // Set up on the tablet's first page, then the export page (its own page load: the passphrase).
  await page.goto(`${BASE}/`);
  await page.getByLabel('Ny adgangssætning').fill(PASSPHRASE);
  await page.getByLabel('Gentag adgangssætningen').fill(PASSPHRASE);
  await page.getByLabel('Ny PIN-kode').fill('246810');
  await page.getByLabel('Gentag PIN-koden').fill('246810');
  await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
  await page.getByRole('heading', { name: 'Deltagere' }).waitFor();
  await page.goto(`${BASE}/eksport/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

  const unlocks = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    await page.getByLabel('Adgangssætning', { exact: true }).fill(PASSPHRASE);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Lås op' }).click();
    await page.getByRole('heading', { name: 'Eksportér', level: 1 }).waitFor({ timeout: 120_000 });
    unlocks.push(Date.now() - t0);
  }
  const backups = [];
  const reads = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByLabel('Adgangssætning til sikkerhedskopien').fill('grøn tekop på en rund sten');
    await page.getByLabel('Gentag sikkerhedskopiens adgangssætning').fill('grøn tekop på en rund sten');
    const t0 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByRole('button', { name: 'Lav sikkerhedskopi' }).click()]);
    backups.push(Date.now() - t0);
    const file = path.join(dir, `b${i}.age`);
    await download.saveAs(file);
    await page.getByLabel('Fil med sikkerhedskopi').setInputFiles(file);
    await page.getByLabel('Sikkerhedskopiens adgangssætning', { exact: true }).fill('grøn tekop på en rund sten');
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Læs sikkerhedskopien' }).click();
    await page.getByText(/^Nye: /).waitFor({ timeout: 300_000 });
    reads.push(Date.now() - t1);
    await page.getByRole('button', { name: 'Annullér' }).first().click();
  }
  const header = fs.readFileSync(path.join(dir, 'b0.age'), 'latin1').split('\n').find((l) => l.startsWith('-> scrypt'));
  console.log(`with ${THROTTLE}x CPU throttling in Chromium, ${RUNS} runs each (ms):`);
  console.log(`passphrase unlock (PBKDF2-SHA256 600 000 + unwrap): ${unlocks.join(', ')}; median ${median(unlocks)}`);
  console.log(`backup made (age, ${header}): ${backups.join(', ')}; median ${median(backups)}`);
  console.log(`backup read (age decrypt and restore plan): ${reads.join(', ')}; median ${median(reads)}`);
} finally {
  await browser.close();
  await stopServer();
  fs.rmSync(dir, { recursive: true, force: true });
}
