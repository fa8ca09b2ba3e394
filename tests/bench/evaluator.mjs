// `cargo xtask bench`, second part: the evaluator's page (dist/evaluator/) with
// 100 000 responses in four export files, written by `trivsel generate`. It
// measures, in Debian's Chromium without and with 4x CPU throttling:
//   - read + check: from the file input's change event until every file is
//     read and checked by core (the status region says "Beregner …"),
//   - merge + report: from there until the report is on screen (the status
//     region says "Rapporten er klar", and the next frame),
//   - peak JS heap (CDP Performance.getMetrics, JSHeapUsedSize, sampled every
//     100 ms; samples stall while the page computes, so this can miss a
//     short peak inside that stretch),
//   - wasm linear memory at the end (it never shrinks, so it is the peak; read
//     from the module Trunk's loader hands to its TrunkApplicationStarted event),
//   - the renderer process's peak resident memory (VmHWM in /proc; everything
//     the page used: JS heap, wasm memory, the files' bytes, DOM, code).
// A benchmark, not a test: it prints figures and fails only if the page
// cannot be driven. TRIVSEL_DIST serves another build directory, TRIVSEL_PORT on
// another port (so two benchmarks on one machine never measure each other's build).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from '../browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.TRIVSEL_PORT || 4189);
const DIST = process.env.TRIVSEL_DIST || 'dist';
const PAGE = `http://127.0.0.1:${PORT}/evaluator/`;
const FILES = 4;
const RESPONSES = 100_000;
const PARTICIPANTS = 10_000;
const TIMEOUT = 15 * 60_000;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The export files: FILES tablets' worth, each with its own participants and seed. */
function generate(dir) {
  const files = [];
  for (let i = 1; i <= FILES; i++) {
    const file = path.join(dir, `tablet-${i}.json`);
    execFileSync('cargo', ['run', '--release', '--quiet', '-p', 'trivsel-cli', '--', 'generate',
      '--responses', String(RESPONSES / FILES), '--participants', String(PARTICIPANTS / FILES),
      '--seed', String(i), '--output', file], { stdio: ['ignore', 'ignore', 'inherit'] });
    files.push(file);
  }
  return files;
}

/** Resident memory of a process, now and at its peak, in bytes (0 if it is gone). */
function rss(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
    return { now: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { now: 0, peak: 0 };
  }
}

/** The pids of the renderer processes descending from `root` (the browser of each run is
 * closed before the next starts, so these are the current run's). */
function renderers(root) {
  const parent = new Map();
  const renderer = new Set();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('--type=renderer')) renderer.add(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  const descends = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  return [...renderer].filter(descends);
}

/** One run in a fresh browser, so the renderer's peak memory is this run's alone. */
async function run(files, throttle) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  // Chromium is this script's child: its renderers are our descendants.
  const root = process.pid;
  try {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (e) => { window.__benchMemory = e.detail.wasm.memory; });
      window.__bench = {};
      document.addEventListener('change', () => { window.__bench.start ??= performance.now(); }, true);
      const watch = () => {
        const region = document.querySelector('[role="status"]');
        if (!region) return requestAnimationFrame(watch);
        new MutationObserver(() => {
          const text = region.textContent;
          if (text.startsWith('Beregner')) window.__bench.computing ??= performance.now();
          if (text.startsWith('Rapporten er klar')) {
            const t = performance.now();
            requestAnimationFrame(() => { window.__bench.ready ??= t; window.__bench.painted ??= performance.now(); });
          }
        }).observe(region, { childList: true, characterData: true, subtree: true });
      };
      addEventListener('DOMContentLoaded', watch);
    });
    await page.goto(PAGE);
    await page.getByRole('heading', { name: 'Evaluering', level: 1 }).waitFor();

    let heap = 0;
    let renderer = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const pid of renderers(root)) renderer = Math.max(renderer, rss(pid).now);
        try {
          const { metrics } = await cdp.send('Performance.getMetrics');
          heap = Math.max(heap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
        } catch { /* the page is busy or gone */ }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    await page.getByLabel('Vælg eksportfiler').setInputFiles(files);
    await page.waitForFunction(() => window.__bench.painted !== undefined, null, { timeout: TIMEOUT, polling: 250 });
    const t = await page.evaluate(() => ({ ...window.__bench, wasm: window.__benchMemory?.buffer.byteLength ?? 0 }));
    const status = await page.getByRole('status').innerText();
    sampling = false;
    await sampler;
    for (const pid of renderers(root)) renderer = Math.max(renderer, rss(pid).peak);
    await context.close();
    return {
      throttle,
      read: t.computing - t.start,
      compute: t.painted - t.computing,
      total: t.painted - t.start,
      heap,
      wasm: t.wasm,
      renderer,
      status,
    };
  } finally {
    await browser.close();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trivsel-bench-'));
const stopServer = await startServer(DIST, PORT, '/evaluator/');
try {
  console.log(`\nevaluator: generating ${RESPONSES} responses of ${PARTICIPANTS} participants in ${FILES} files …`);
  const files = generate(dir);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const results = [];
  for (const throttle of [1, 4]) results.push(await run(files, throttle));

  console.log(`\nthe evaluator's page, ${RESPONSES} responses in ${FILES} files (${mb(bytes)}), Chromium 1024x768:`);
  console.log(`  page says: ${results[0].status}`);
  for (const r of results) {
    const label = r.throttle > 1 ? `${r.throttle}x CPU throttling` : 'no throttling';
    console.log(`  ${label}: files read and checked ${s(r.read)}, merge + report on screen ${s(r.compute)}, total ${s(r.total)}`);
    console.log(`    peak JS heap ${mb(r.heap)} (sampled), wasm memory ${mb(r.wasm)}, renderer peak RSS ${mb(r.renderer)}`);
  }
} finally {
  await stopServer();
  fs.rmSync(dir, { recursive: true, force: true });
}
