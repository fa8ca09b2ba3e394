// Shared helpers for the end-to-end tests: the instrument data and golden
// vectors from the repo, and the steps a young person takes, by visible label.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { expect } from '@playwright/test';

const read = (rel) => JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8'));

// The shipped definitions, as the app reads them (crates/core/catalogue), and the test programme.
export const who5 = read('../../crates/core/catalogue/instruments/who5-v1.json');
export const ladder = read('../../crates/core/catalogue/instruments/cantril-v1.json');
export const substance = read('../../crates/core/catalogue/instruments/substance-v1.json');
export const batteries = {
  default: read('../../crates/core/catalogue/batteries/default-v1.json'),
  substance: read('../../crates/core/catalogue/batteries/substance-v1.json'),
};
export const golden = read('../fixtures/golden.json').cases;

/** The app's version: `version` in the workspace's `[workspace.package]`, its one source. */
export const version = fs.readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8')
  .match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/m)[1];
/** The test programme file: a non-shipped instrument (`worry`) and its battery. */
export const worryProgrammePath = new URL('../fixtures/programme/worry.json', import.meta.url).pathname;
export const worryProgramme = read('../fixtures/programme/worry.json');
export const worry = worryProgramme.instruments[0];

/** The visible label of a WHO-5 answer value. */
export const who5Label = (value, lang = 'da') =>
  who5.response.options.find((o) => o.value === value).label[lang];

/** An instrument's item by id. */
export const item = (instrument, id) => instrument.items.find((i) => i.id === id);

/** An instrument's score definition by id. */
export const score = (instrument, id) => instrument.scores.find((s) => s.id === id);

/** The label of band `id` in band set `set` of any of the instrument's scores. */
export const bandLabel = (instrument, set, id, lang = 'da') =>
  instrument.scores.flatMap((s) => s.band_sets ?? []).find((s) => s.id === set).bands.find((b) => b.id === id).label[lang];

/** How the tests press: a tap on the tablet projects; a click where the
 * browser was started outside Playwright (the kill test) and has no touch. */
export const input = { touch: true };
export const press = (locator) => (input.touch ? locator.tap() : locator.click());

/** A button found by its exact accessible name. */
export const button = (page, name) => page.getByRole('button', { name, exact: true });

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The figure shown beside a score's label on the score screen, e.g. "Råscore (0–25)" → "23 af 25";
 * a label without its range ("Råscore") also finds it, as an earlier release showed it. */
export const figure = (page, label) =>
  page.locator('.figures div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${escape(label)}( \\(.*\\))?$`) }) }).locator('dd');

/** The score card of an instrument on the score screen, by its heading (the instrument's name). */
export const card = (page, name) => page.getByRole('article', { name, exact: true });

export const PIN = '246810';
/** The counsellor's passphrase: it unlocks the tablet's key after a reload. */
export const PASSPHRASE = 'blå cykel under gammel bro';

/** The counsellor sets up a fresh tablet on its first page (the app already open): a passphrase
 * and a PIN; the page then holds the key and loads the counsellor's screens (their own bundle). */
export async function setPin(page, pin = PIN, passphrase = PASSPHRASE) {
  await expect(page.getByRole('heading', { name: 'Opsæt tabletten' })).toBeVisible();
  await page.getByLabel('Ny adgangssætning').fill(passphrase);
  await page.getByLabel('Gentag adgangssætningen').fill(passphrase);
  await page.getByLabel('Ny PIN-kode').fill(pin);
  await page.getByLabel('Gentag PIN-koden').fill(pin);
  await press(button(page, 'Gem og fortsæt'));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
}

/** The set-up of a release from before encryption (the upgrade tests' baseline): the PIN
 * alone, in its words. */
export async function setOldPin(page) {
  await page.getByLabel('Ny PIN-kode').fill(PIN);
  await page.getByLabel('Gentag PIN-koden').fill(PIN);
  await press(button(page, 'Gem PIN-kode'));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
}

/** On data from before encryption, once its PIN was right: the passphrase that seals it. */
export async function choosePassphrase(page) {
  await page.getByLabel('Ny adgangssætning').fill(PASSPHRASE);
  await page.getByLabel('Gentag adgangssætningen').fill(PASSPHRASE);
  await press(button(page, 'Gem adgangssætning'));
}

/** The counsellor unlocks at the prompt: with the PIN while the app holds the key, with the
 * passphrase after a reload (the prompt shows the one field it takes). `secret` replaces
 * whichever it is. */
export async function unlock(page, secret) {
  const phrase = page.getByLabel('Adgangssætning', { exact: true });
  const pin = page.getByLabel('PIN-kode', { exact: true });
  await expect(phrase.or(pin)).toBeVisible();
  if (await phrase.isVisible()) await phrase.fill(secret ?? PASSPHRASE);
  else await pin.fill(secret ?? PIN);
  await press(button(page, 'Lås op'));
}

/** After a reload with a questionnaire in progress: the young person's screen says the answers
 * are saved and shows none of them; the counsellor's passphrase resumes it. */
export async function resumeAfterReload(page) {
  await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
  await expect(page.locator('[aria-pressed="true"]')).toHaveCount(0);
  await press(button(page, 'Rådgiver'));
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toHaveCount(0);
}

/** Every store, key and value of the tablet's IndexedDB, read raw in the page: values as
 * text (strings as they are, bytes decoded as UTF-8 and as Latin-1), with index names. */
export async function rawDatabase(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('trivsel');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out = { version: db.version, stores: {} };
    for (const name of db.objectStoreNames) {
      const store = db.transaction(name).objectStore(name);
      const all = (req) => new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
      const keys = await all(store.getAllKeys());
      const values = await all(store.getAll());
      const text = (v) => {
        if (typeof v === 'string') return v;
        const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : v instanceof Uint8Array ? v : null;
        if (bytes) return `${new TextDecoder('utf-8').decode(bytes)}\n${String.fromCharCode(...bytes)}`;
        return JSON.stringify(v);
      };
      out.stores[name] = {
        indexes: [...store.indexNames],
        keyPath: store.keyPath,
        entries: keys.map((k, i) => ({ key: String(k), value: text(values[i]), kind: typeof values[i] === 'string' ? 'text' : 'bytes' })),
      };
    }
    db.close();
    return out;
  });
}

/** Creates a participant from the counsellor home; returns its code. */
export async function newParticipant(page, { gender = 'Pige', age = '15–17 år', course = 'Rådgivning', site = 'Erhvervsskolen Nord' } = {}) {
  await press(button(page, 'Ny deltager'));
  const code = (await page.locator('.code.big').textContent()).trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  await page.getByRole('radio', { name: gender, exact: true }).check();
  await page.getByRole('radio', { name: age, exact: true }).check();
  await page.getByRole('radio', { name: course, exact: true }).check();
  await page.getByLabel('Program eller sted').fill(site);
  await press(button(page, 'Opret deltager'));
  await expect(page.getByRole('heading', { name: `Deltager ${code}` })).toBeVisible();
  return code;
}

/** From a participant's page: a new measurement at `point`, handed to the young person. */
export async function handOver(page, point = 'Indskrivning', session) {
  await press(button(page, 'Ny måling'));
  await page.getByRole('radio', { name: point, exact: true }).check();
  if (session !== undefined) await page.getByLabel('Samtale nr.').fill(String(session));
  await press(button(page, 'Giv tabletten til den unge'));
  await expect(page.getByRole('heading', { name: 'Hvordan har du haft det?' })).toBeVisible();
}

/** Waits until a service worker is active and controls the page (reloading once if it
 * activated after the page loaded, as the first load's worker does). */
export async function controlled(page) {
  const active = () => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state ?? 'none'));
  await expect.poll(active, { message: 'a service worker is active', timeout: 15_000 }).toBe('activated');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'),
    { message: 'the service worker controls the page' }).toBe('activated');
}

/** A fresh tablet up to the young person's start screen; returns the participant code. */
export async function freshYouth(page) {
  await page.goto('./');
  await setPin(page);
  const code = await newParticipant(page);
  await handOver(page);
  return code;
}

/** From the start screen, taps the answers to all six questions, checking each screen. */
export async function answerAll(page, values, ladderValue, lang = 'da') {
  if (lang === 'en') await press(button(page, 'English'));
  await press(button(page, 'Start'));
  const of = lang === 'da' ? 'af' : 'of';
  const progress = lang === 'da' ? 'Spørgsmål' : 'Question';
  for (let i = 0; i < 5; i++) {
    await expect(page.getByText(`${progress} ${i + 1} ${of} 5`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[i].text[lang]);
    await press(button(page, who5Label(values[i], lang)));
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ladder.items[0].text[lang]);
  await press(button(page, String(ladderValue)));
}

/** Sends from the review screen, then the counsellor unlocks and sees the scores. */
export async function sendAndUnlock(page, lang = 'da') {
  const [send, counsellor, thanks, result] = lang === 'da'
    ? ['Send svar', 'Rådgiver', 'Tak for dine svar', 'Resultat']
    : ['Send answers', 'Counsellor', 'Thank you for your answers', 'Result'];
  await press(button(page, send));
  await expect(page.getByRole('heading', { name: thanks })).toBeVisible();
  await press(button(page, counsellor));
  if (lang === 'da') {
    await unlock(page);
  } else {
    await page.getByLabel('PIN', { exact: true }).fill(PIN);
    await press(button(page, 'Unlock'));
  }
  await expect(page.getByRole('heading', { name: result })).toBeVisible();
}

/** One measurement of WHO-5 and the ladder from the participant's page: handed over at
 * `point`, answered, sent, the scores seen; back at the participant's page. */
export async function measure(page, point, values, ladderValue, session) {
  await handOver(page, point, session);
  await answerAll(page, values, ladderValue);
  await sendAndUnlock(page);
  await press(button(page, 'Til deltageren'));
}

/** "Vil ikke svare" in the language shown. */
export const declineLabel = (lang = 'da') => (lang === 'da' ? 'Vil ikke svare' : 'Prefer not to answer');

/** The visible label of answer `value` to an item of `instrument`: a choice's label, a rung's or
 * a day's number; `null` is "Vil ikke svare". */
export function answerLabel(instrument, itemId, value, lang = 'da') {
  if (value === null) return declineLabel(lang);
  const response = item(instrument, itemId).response ?? instrument.response;
  return response.kind === 'choice' ? response.options.find((o) => o.value === value).label[lang] : String(value);
}

/** Answers every item of `instrument` in order by visible label, checking each question's wording. */
export async function answerInstrument(page, instrument, values, lang = 'da') {
  for (const [i, it] of instrument.items.entries()) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(it.text[lang]);
    await press(button(page, answerLabel(instrument, it.id, values[i], lang)));
  }
}

/** From the counsellor home: the battery new measurements ask, chosen by its name in settings. */
export async function chooseBattery(page, name) {
  await press(button(page, 'Indstillinger'));
  await expect(page.getByRole('heading', { name: 'Indstillinger', level: 1 })).toBeVisible();
  await page.getByRole('group', { name: 'Spørgeskemaer ved nye målinger' }).getByRole('radio', { name, exact: true }).check();
  await press(button(page, 'Gem indstillinger'));
  await expect(page.getByRole('heading', { name: 'Deltagere' })).toBeVisible();
}

/** A fresh tablet with the substance battery chosen, at a new participant's page; returns the
 * participant's code. */
export async function substanceTablet(page) {
  await page.goto('./');
  await setPin(page);
  await chooseBattery(page, batteries.substance.name.da);
  return newParticipant(page);
}

/** A fresh tablet asking the substance battery: a new participant's intake answered through
 * WHO-5 (all 3) and the ladder (6), up to the module's first question (cannabis, 0–30 days). */
export async function upToTheDays(page) {
  await substanceTablet(page);
  await handOver(page, 'Indskrivning');
  await press(button(page, 'Start'));
  await answerInstrument(page, who5, [3, 3, 3, 3, 3]);
  await answerInstrument(page, ladder, [6]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item(substance, 'cannabis_30d').text.da);
}

/** The path of a committed fixture, by its path under `tests/fixtures`. */
export const fixture = (rel) => new URL(`../fixtures/${rel}`, import.meta.url).pathname;

/** The evaluator page's line of its file list that names `name`. */
export const fileLine = (page, name) => page.locator('.file-list li').filter({ has: page.getByText(name, { exact: true }) });

/** The text of the report's cell in the row headed `row` and the column headed `column` of
 * the table captioned `caption`. Waits for that row first: a changed setting takes the report
 * away while it is computed again, and a row header that names the setting ("(8)") exists
 * only in the report computed with it. */
export async function reportCell(page, caption, row, column) {
  const table = page.getByRole('table', { name: caption, exact: true });
  const tr = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) });
  await expect(tr).toHaveCount(1);
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(column);
  expect(index, `column "${column}" in ${headers.join(' | ')}`).toBeGreaterThan(0);
  return (await tr.getByRole('cell').nth(index - 1).innerText()).trim();
}

/** Runs Debian's age with `input` typed at its terminal prompt (age reads a passphrase only
 * from a terminal; `script` gives it one). Returns the exit status and what it printed. */
export function ageWithTerminal(args, input) {
  const command = ['age', ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The export page, from the counsellor's home: its own page, behind the PIN again. */
export async function openExportPage(page) {
  await press(page.getByRole('link', { name: 'Eksportér', exact: true }));
  await expect(page).toHaveURL(/\/eksport\/$/);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Eksportér', level: 1 })).toBeVisible();
}

/** The warned box on the export page that makes the next export plain (a tablet without the
 * evaluator's key can export only so; sealed.spec.mjs tests exports sealed to the evaluator). */
export const PLAIN_EXPORT = 'Eksportér ukrypteret – alle der får filen kan læse den';

/** On the export page: the counsellor's explicit choice to export the next file unencrypted, warned. */
export async function choosePlainExport(page) {
  await page.getByLabel(PLAIN_EXPORT).check();
  await expect(page.getByText('Filen bliver ikke krypteret:', { exact: false })).toBeVisible();
}

/** The text of every cell (header cells included) of each row of `rows`. */
export const rowTexts = async (rows) => {
  const out = [];
  for (const row of await rows.all()) out.push((await row.locator('th, td').allTextContents()).map((t) => t.trim()));
  return out;
};

/** The column headers of `table`. */
export const headers = async (table) => (await table.locator('thead th').allTextContents()).map((t) => t.trim());

// ---- Accessibility: axe-core, focus and names (a11y, keyboard and zoom specs) ----

const axeSource = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** The WCAG levels every screen is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it is now and fails, naming each violation's id, help and the
 * nodes concerned, unless there are none. axe is evaluated through the DevTools protocol, which
 * the page's CSP does not govern, so the CSP under test stays as shipped. */
export async function expectNoAxeViolations(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const text = violations
    .map((v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
  expect(violations.length, `axe violations on "${label}":\n${text}`).toBe(0);
}

/** What has the keyboard focus: its role and accessible name (from the accessibility tree),
 * whether it matches :focus-visible, and how that focus is drawn. */
export async function focused(page) {
  const el = page.locator('*:focus');
  await expect(el).toHaveCount(1);
  const style = await el.evaluate((e) => {
    const cs = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      focusVisible: e.matches(':focus-visible'),
      outlineStyle: cs.outlineStyle,
      outlineWidth: parseFloat(cs.outlineWidth) || 0,
      boxShadow: cs.boxShadow,
    };
  });
  const snapshot = (await el.ariaSnapshot()).split('\n')[0];
  const m = snapshot.match(/^- (\w+)(?: "((?:[^"\\]|\\.)*)")?/);
  return { ...style, role: m?.[1], name: m?.[2] ?? '' };
}

/** Fails unless the focused element is the control `role` named `name`, matches :focus-visible
 * and draws that focus: an outline of at least 2 px, or an outer box-shadow (an inset one marks
 * a chosen answer, not the focus). */
export async function expectFocus(page, role, name) {
  const f = await focused(page);
  expect(f.role, `focus on ${JSON.stringify(f)}`).toBe(role);
  if (name instanceof RegExp) expect(f.name, `focus on ${JSON.stringify(f)}`).toMatch(name);
  else expect(f.name, `focus on ${JSON.stringify(f)}`).toBe(name);
  expect(f.focusVisible, `"${f.name}" matches :focus-visible`).toBe(true);
  const outlined = f.outlineStyle !== 'none' && f.outlineWidth >= 2;
  const shadowed = f.boxShadow !== 'none' && f.boxShadow.split(/,(?![^(]*\))/).some((s) => !s.includes('inset'));
  expect(outlined || shadowed, `"${f.name}" shows its focus (outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow})`).toBe(true);
}

/** Every control on the page has a non-empty accessible name; a hidden one (a screen
 * prepared ahead) has none, and is out of reach until it is shown. */
export async function expectNamedControls(page) {
  const controls = page.locator('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])').filter({ visible: true });
  const n = await controls.count();
  for (let i = 0; i < n; i++) await expect(controls.nth(i)).toHaveAccessibleName(/\S/);
}

/** WCAG 1.4.11, which axe does not check: an empty text field is known only by its border, so
 * the border needs a contrast of 3:1 against what surrounds the field. */
export async function expectVisibleFieldBorders(page, label) {
  const weak = await page.locator('input:not([type="radio"]):not([type="checkbox"]):not([type="hidden"]):not([type="file"])').evaluateAll((inputs) => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const behind = (e) => {
      for (let x = e.parentElement; x; x = x.parentElement) {
        const c = rgb(getComputedStyle(x).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return inputs.map((e) => {
      const cs = getComputedStyle(e);
      const r = ratio(rgb(cs.borderTopColor), behind(e));
      return parseFloat(cs.borderTopWidth) > 0 && r >= 3 ? null : `#${e.id}: border ${cs.borderTopWidth} ${cs.borderTopColor}, contrast ${r.toFixed(2)}:1`;
    }).filter(Boolean);
  });
  expect(weak, `${label}: text fields whose border is too faint`).toEqual([]);
}
