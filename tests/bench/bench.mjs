// `cargo xtask bench`: the time to the first usable screen and the tap → next
// question latency of the release build (dist/), in Debian's Chromium with 4×
// CPU throttling, the way a budget tablet feels it. A benchmark, not a test:
// it prints figures and fails only if the app cannot be driven.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';

const PORT = 4188;
const BASE = `http://127.0.0.1:${PORT}/`;
const THROTTLE = 4;
const LOADS = 7;
const ROUNDS = 10; // questionnaires' worth of forward taps (6 each)
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = spawn('node', ['tests/e2e/serve.mjs', 'dist', String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 400));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { context, page };
}

try {
  // First usable screen: a fresh tablet (cold cache, empty database) until the
  // PIN field is on screen and the app answers input.
  const firstScreen = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await throttledPage();
    await page.goto(BASE, { waitUntil: 'commit' });
    await page.locator('#new-pin').waitFor();
    firstScreen.push(await page.evaluate(() => performance.now()));
    await context.close();
  }

  // Tap → next question: from the click to the frame after the next question's heading shows.
  const { context, page } = await throttledPage();
  await page.goto(BASE);
  const pin = '246810';
  await page.getByLabel('Ny PIN-kode').fill(pin);
  await page.getByLabel('Gentag PIN-koden').fill(pin);
  await page.getByRole('button', { name: 'Gem PIN-kode' }).click();
  await page.getByRole('button', { name: 'Ny deltager' }).click();
  for (const name of ['Pige', '15–17 år', 'Rådgivning']) await page.getByRole('radio', { name, exact: true }).check();
  await page.getByLabel('Program eller sted').fill('Bench');
  await page.getByRole('button', { name: 'Opret deltager' }).click();
  await page.getByRole('button', { name: 'Ny måling' }).click();
  await page.getByRole('button', { name: 'Giv tabletten til den unge' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const tap = (label) => page.evaluate((label) => new Promise((resolve, reject) => {
    const heading = () => document.querySelector('h1')?.textContent;
    const before = heading();
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
    if (!button) return reject(new Error(`no button ${label}`));
    const observer = new MutationObserver(() => {
      if (heading() !== before) {
        observer.disconnect();
        const dom = performance.now() - t0;
        requestAnimationFrame(() => resolve([dom, performance.now() - t0]));
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const t0 = performance.now();
    button.click();
  }), label);
  const both = [];
  const answers = ['Hele tiden', 'Det meste af tiden', 'Lidt af tiden', 'På intet tidspunkt', 'Lidt mere end halvdelen af tiden'];
  for (let round = 0; round < ROUNDS; round++) {
    for (const a of answers) both.push(await tap(a));
    both.push(await tap(String(round % 11)));
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'glad og i godt humør' }).waitFor();
  }
  await context.close();
  const taps = both.map((t) => t[1]);
  const dom = both.map((t) => t[0]);

  console.log(`\nwith ${THROTTLE}x CPU throttling in Chromium (1024x768):`);
  console.log(`first usable screen (PIN field), ${LOADS} cold loads: median ${fmt(quantile(firstScreen, 0.5))}, max ${fmt(Math.max(...firstScreen))}`);
  console.log(`tap -> next question (answer stored first), ${taps.length} taps: median ${fmt(quantile(taps, 0.5))}, p95 ${fmt(quantile(taps, 0.95))}, max ${fmt(Math.max(...taps))}`);
  console.log(`  of which tap -> DOM updated: median ${fmt(quantile(dom, 0.5))}, p95 ${fmt(quantile(dom, 0.95))} (the rest is waiting for the next frame)`);
} finally {
  await browser.close();
  server.kill();
}
