// `cargo xtask bench`: the time to the first usable screen, the time from the
// PIN to the counsellor's screens (a bundle of their own, loaded once the PIN
// is right) and the tap → next question latency of the release build (dist/),
// in Debian's Chromium with 4× CPU throttling, the way a budget tablet feels
// it: WHO-5 and the ladder (the default battery), and the substance module's
// days grids. A benchmark, not a test: it prints figures and fails only if the
// app cannot be driven. TRIVSEL_BENCH_PORT serves on another port (default 4188).
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from '../browser.mjs';

// Another port with TRIVSEL_BENCH_PORT, so two worktrees can measure side by side.
const PORT = Number(process.env.TRIVSEL_BENCH_PORT ?? 4188);
const BASE = `http://127.0.0.1:${PORT}/`;
const THROTTLE = 4;
const LOADS = 7;
const ROUNDS = 20; // questionnaires' worth of forward taps (6 each) per session
const SESSIONS = 3;
const UNLOCKS = 5;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const stopServer = await startServer(process.env.TRIVSEL_DIST ?? 'dist', PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function throttledPage() {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { context, page };
}

/**
 * Runs in the page: taps the button labelled `label` and times, from the tap,
 * the DOM update that changes the heading (`dom`), the style and layout of
 * the new screen forced right after it (`layout`: the screen is ready to
 * paint), the next animation frame (`frame`: which also waits for the
 * display's next 16.7 ms tick, whatever the app does), and when the draft's
 * write was issued to IndexedDB (`issued`: before the DOM update in a build
 * that writes in clear; after the draft is sealed in one that encrypts).
 */
function measureTap(label) {
  return new Promise((resolve, reject) => {
    const heading = () => [...document.querySelectorAll('h1')].find((h) => !h.closest('[hidden]'))?.textContent;
    const before = heading();
    // The shown screen's button: a screen prepared ahead, or one just left, is hidden.
    const button = [...document.querySelectorAll('button')].find((b) => !b.closest('[hidden]') && b.textContent.trim() === label);
    if (!button) return reject(new Error(`no button ${label}`));
    const issued = () => {
      const put = window.__draftPuts.find((t) => t >= t0);
      return put === undefined ? null : put - t0;
    };
    const observer = new MutationObserver(() => {
      if (heading() === before) return;
      observer.disconnect();
      const dom = performance.now() - t0;
      document.body.getBoundingClientRect();
      const layout = performance.now() - t0;
      requestAnimationFrame(() => {
        const frame = performance.now() - t0;
        const done = (tries) => (issued() !== null || tries === 0
          ? resolve({ dom, layout, frame, issued: issued() })
          : setTimeout(() => done(tries - 1), 5));
        done(40);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const t0 = performance.now();
    button.click();
  });
}

/** Notes when each write of the draft is issued to IndexedDB (the page's own clock). */
function recordDraftPuts() {
  window.__draftPuts = [];
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    if (this.name === 'meta' && key === 'draft') window.__draftPuts.push(performance.now());
    return put.call(this, value, key);
  };
}

/** Sets a fresh tablet up: in a build with encrypted storage a passphrase and a PIN on the
 * first page (which then holds the key); in a build before it the PIN alone. */
async function setUp(page) {
  const pin = '246810';
  const passphrase = 'blå cykel under gammel bro';
  await page.locator('#new-pin').waitFor();
  if (await page.locator('#new-passphrase').count()) {
    await page.getByLabel('Ny adgangssætning').fill(passphrase);
    await page.getByLabel('Gentag adgangssætningen').fill(passphrase);
  }
  await page.getByLabel('Ny PIN-kode').fill(pin);
  await page.getByLabel('Gentag PIN-koden').fill(pin);
  await page.getByRole('button', { name: /^(Gem PIN-kode|Gem og fortsæt)$/ }).click();
}

const PIN = '246810';
const PASSPHRASE = 'blå cykel under gammel bro';
const SUBSTANCE = 'WHO-5, trivselsstigen og rusmidler';

/** A fresh tablet set up (passphrase and PIN, or the PIN alone before encryption), at the counsellor's home (their bundle loaded). */
async function freshTablet() {
  const { context, page } = await throttledPage();
  await page.addInitScript(recordDraftPuts);
  await page.goto(BASE);
  await setUp(page);
  await page.getByRole('heading', { name: 'Deltagere' }).waitFor();
  return { context, page };
}

/** Runs in the page: submits the secret a reloaded tablet asks for (the passphrase with
 * encrypted storage, else the PIN) and times, from the tap, until the counsellor's home
 * heading is in the page (the secret checked, the keys unwrapped, their bundle fetched,
 * compiled and drawn). */
function measureUnlock({ passphrase, pin }) {
  return new Promise((resolve, reject) => {
    const phrase = document.querySelector('#passphrase');
    const field = phrase ?? document.querySelector('#pin');
    const secret = phrase ? passphrase : pin;
    const submit = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Lås op');
    if (!field || !submit) return reject(new Error('no PIN prompt'));
    field.value = secret;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const home = () => [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Deltagere');
    const observer = new MutationObserver(() => {
      if (!home()) return;
      observer.disconnect();
      const ms = performance.now() - t0;
      requestAnimationFrame(() => resolve(ms));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const t0 = performance.now();
    submit.click();
  });
}

/** PIN → counsellor's home, UNLOCKS times on one tablet, each after a reload (a fresh page
 * that has not loaded the counsellor's bundle yet; its files come from the service worker's
 * precache, as on a tablet in use, so this is compiling and drawing, not the network). */
async function unlockSession() {
  const { context, page } = await freshTablet();
  const times = [];
  for (let i = 0; i < UNLOCKS; i++) {
    await page.reload();
    await page.locator('#passphrase, #pin').first().waitFor();
    times.push(await page.evaluate(measureUnlock, { passphrase: PASSPHRASE, pin: PIN }));
  }
  await context.close();
  return times;
}

/** A fresh tablet driven to the first question; then ROUNDS rounds of taps through the whole
 * questionnaire: WHO-5 and the ladder, and with `substance` the module's four days questions. */
async function tapSession({ substance = false } = {}) {
  const { context, page } = await freshTablet();
  if (substance) {
    await page.getByRole('button', { name: 'Indstillinger' }).click();
    await page.getByRole('radio', { name: SUBSTANCE, exact: true }).check();
    await page.getByRole('button', { name: 'Gem indstillinger' }).click();
    await page.getByRole('heading', { name: 'Deltagere' }).waitFor();
  }
  await page.getByRole('button', { name: 'Ny deltager' }).click();
  for (const name of ['Pige', '15–17 år', 'Rådgivning']) await page.getByRole('radio', { name, exact: true }).check();
  await page.getByLabel('Program eller sted').fill('Bench');
  await page.getByRole('button', { name: 'Opret deltager' }).click();
  await page.getByRole('button', { name: 'Ny måling' }).click();
  await page.getByRole('radio', { name: 'Indskrivning', exact: true }).check();
  await page.getByRole('button', { name: 'Giv tabletten til den unge' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const tap = async (label, to) => ({ ...(await page.evaluate(measureTap, label)), to });
  const taps = [];
  const answers = ['Hele tiden', 'Det meste af tiden', 'Lidt af tiden', 'På intet tidspunkt', 'Lidt mere end halvdelen af tiden'];
  const questions = substance ? 10 : 6;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, a] of answers.entries()) taps.push(await tap(a, i < 4 ? 'question' : 'ladder'));
    if (substance) {
      taps.push(await tap(String(round % 11), 'module'));
      const days = [round % 31, (round + 7) % 31, (round + 13) % 31, round % 8];
      for (const [i, d] of days.entries()) taps.push(await tap(String(d), i < 3 ? 'days' : 'review'));
    } else {
      taps.push(await tap(String(round % 11), 'review'));
    }
    for (let i = 0; i < questions; i++) await page.getByRole('button', { name: 'Tilbage', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'glad og i godt humør' }).waitFor();
  }
  await context.close();
  return taps;
}

try {
  // First usable screen: a fresh tablet (cold cache, empty database) until the
  // PIN field is on screen and the app answers input.
  const firstScreen = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await throttledPage();
    await page.goto(BASE, { waitUntil: 'commit' });
    // The set-up form: the PIN (and, in a build that encrypts, the passphrase).
    await page.locator('#new-pin').waitFor();
    firstScreen.push(await page.evaluate(() => performance.now()));
    await context.close();
  }

  // PIN → the counsellor's screens, their bundle loaded in the page on demand.
  const unlocks = await unlockSession();

  // Tap → next question: from the click until the next screen is laid out, in
  // SESSIONS fresh tablets (each a new browser context and database), pooled;
  // then one session with the substance module (its days grids).
  const taps = [];
  const sessionP95 = [];
  for (let session = 0; session < SESSIONS; session++) {
    const own = await tapSession();
    sessionP95.push(quantile(own.map((t) => t.layout), 0.95));
    taps.push(...own);
  }
  const substanceTaps = await tapSession({ substance: true });

  // The floor of this measurement: a bare page whose button swaps its heading
  // in plain JS, measured the same way on the same throttled Chromium.
  const bare = await throttledPage();
  await bare.page.setContent('<h1>0</h1><ul>' + [0, 1, 2, 3, 4, 5].map((i) => `<li><button>${i}</button></li>`).join('') + '</ul>');
  await bare.page.evaluate(recordDraftPuts);
  await bare.page.evaluate(() => {
    for (const b of document.querySelectorAll('button')) b.onclick = () => { const h = document.querySelector('h1'); h.textContent = String(Number(h.textContent) + 1); };
  });
  const floor = [];
  for (let i = 0; i < taps.length; i++) floor.push(await bare.page.evaluate(measureTap, String(i % 6)));
  await bare.context.close();

  const line = (name, xs) => `${name}: median ${fmt(quantile(xs, 0.5))}, p95 ${fmt(quantile(xs, 0.95))}, max ${fmt(Math.max(...xs))}`;
  const col = (rows, k) => rows.map((r) => r[k]);
  console.log(`\nwith ${THROTTLE}x CPU throttling in Chromium (1024x768):`);
  console.log(`first usable screen (the set-up form's PIN field), ${LOADS} cold loads: median ${fmt(quantile(firstScreen, 0.5))}, max ${fmt(Math.max(...firstScreen))}`);
  console.log(`passphrase (PIN before encryption) after a reload -> counsellor's home (PBKDF2, their bundle fetched, compiled, drawn), ${UNLOCKS} fresh pages: median ${fmt(quantile(unlocks, 0.5))}, max ${fmt(Math.max(...unlocks))}`);
  console.log(`tap -> next question, ${taps.length} taps in ${SESSIONS} sessions (5 WHO-5 answers and the ladder's, each to the next screen):`);
  console.log(`  ${line('laid out, ready to paint (budget: p95 16 ms)', col(taps, 'layout'))}`);
  console.log(`    p95 of each session: ${sessionP95.map(fmt).join(', ')}`);
  for (const to of ['question', 'ladder', 'review']) {
    console.log(`    ${line(`to the ${to}`, col(taps.filter((t) => t.to === to), 'layout'))}`);
  }
  console.log(`  ${line('DOM updated', col(taps, 'dom'))}`);
  console.log(`  ${line('next animation frame', col(taps, 'frame'))}`);
  const issued = col(taps, 'issued');
  const missing = issued.filter((x) => x === null).length;
  console.log(`  ${line('draft write issued to IndexedDB', issued.filter((x) => x !== null))}${missing ? ` (${missing} taps without a write seen)` : ''}`);
  const inFrame = taps.filter((t) => t.issued !== null && t.issued <= t.frame).length;
  const inNext = taps.filter((t) => t.issued !== null && t.issued <= t.frame + 1000 / 60).length;
  console.log(`    issued by the next animation frame after the tap: ${inFrame} of ${taps.length} taps; within one frame (16.7 ms) after it: ${inNext}`);
  console.log(`tap -> next question with the substance module, ${substanceTaps.length} taps in 1 session (WHO-5, the ladder, 4 days questions):`);
  console.log(`  ${line('laid out, ready to paint (budget: p95 16 ms)', col(substanceTaps, 'layout'))}`);
  const toWhat = { module: 'the module\'s first question (from the ladder)', days: 'the next days question', review: 'review' };
  for (const to of ['module', 'days', 'review']) {
    console.log(`    ${line(`to ${toWhat[to]}`, col(substanceTaps.filter((t) => t.to === to), 'layout'))}`);
  }
  console.log(`the same measures on a bare page whose button swaps its heading in plain JS (the floor):`);
  console.log(`  ${line('laid out', col(floor, 'layout'))}`);
  console.log(`  ${line('next animation frame', col(floor, 'frame'))}`);
} finally {
  await browser.close();
  await stopServer();
}
