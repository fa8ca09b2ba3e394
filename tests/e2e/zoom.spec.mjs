// 200 % zoom loses nothing (WCAG 1.4.4, 1.4.10): at half the CSS viewport (what
// the browser's page zoom does) and at twice the text size in the full
// viewport (text-only zoom), no screen scrolls sideways, no text is cut off,
// and every button can be scrolled into view whole. At normal zoom every
// button and link is a touch target of at least 48 × 48 CSS px.
import { test, expect } from '@playwright/test';
import {
  button, expectNoAxeViolations, freshYouth, handOver, item, ladder, newParticipant, setPin, substance, unlock, upToTheDays,
  who5Label,
} from './helpers.mjs';

/** Whatever a reader would miss: sideways scrolling, boxes that clip their text, things off the side. */
async function problems(page) {
  return page.evaluate(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const name = (e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().replace(/\s+/g, '.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    for (const e of document.querySelectorAll('body *')) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || e.closest('.sr-only') || e.tagName === 'PROGRESS') continue;
      // A file input is drawn by its label (.file-button, checked like any label); the input
      // itself is a transparent 1 px box that only takes focus.
      if (e.matches('input[type=file]') && cs.opacity === '0') continue;
      const clips = (o) => o === 'hidden' || o === 'clip';
      if ((clips(cs.overflowX) && e.scrollWidth > e.clientWidth + 1) || (clips(cs.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
        found.push(`${name(e)} cuts its content: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
      }
      // Inside a box that scrolls sideways by itself (a wide table), off the side is reachable;
      // but running text there must still fit the box, or each line needs scrolling to read.
      const scroller = (x) => (!x || x === document.body ? null
        : ['auto', 'scroll'].includes(getComputedStyle(x).overflowX) ? x : scroller(x.parentElement));
      const box = scroller(e.parentElement);
      if (box && e.matches('caption, p, h1, h2, h3, li') && e.getBoundingClientRect().width > box.clientWidth + 1) {
        found.push(`${name(e)} is wider (${Math.round(e.getBoundingClientRect().width)}) than the box that scrolls it (${box.clientWidth})`);
      }
      if (e.matches('button, input, a[href], label, h1, h2, p, dd, th, td') && e.getClientRects().length > 0 && !box) {
        const r = e.getBoundingClientRect();
        if (r.left < -1 || r.right > root.clientWidth + 1) found.push(`${name(e)} lies off the side: ${Math.round(r.left)}–${Math.round(r.right)} of ${root.clientWidth}`);
      }
      if (e.matches('button') && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
        found.push(`${name(e)} overflows its button: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
      }
    }
    return found;
  });
}

/** Every button and link can be scrolled to (as scrollIntoViewIfNeeded does) and is then whole on screen,
 * give or take the sub-pixel a scroll position rounds away. */
async function expectButtonsReachable(page, label) {
  const out = await page.evaluate(() => {
    const root = document.documentElement;
    const buttons = [...document.querySelectorAll('button, a[href]')].filter((b) => b.getClientRects().length > 0);
    const cut = [];
    for (const b of buttons) {
      b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = b.getBoundingClientRect();
      if (r.top < -1 || r.left < -1 || r.bottom > root.clientHeight + 1 || r.right > root.clientWidth + 1) {
        cut.push(`"${b.getAttribute('aria-label') ?? b.textContent.trim()}" at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${root.clientWidth}×${root.clientHeight}`);
      }
    }
    window.scrollTo(0, 0);
    return { count: buttons.length, cut };
  });
  expect(out.count, `${label}: buttons`).toBeGreaterThan(0);
  expect.soft(out.cut, `${label}: buttons or links not whole in view after scrolling to them`).toEqual([]);
}

/** Checks the screen as it is at normal size, at half the viewport, and at twice the text size;
 * with `axe`, runs axe-core in each zoomed state too. */
async function checkScreen(page, label, extra = [], { axe = false } = {}) {
  const full = page.viewportSize();
  const cdp = await page.context().newCDPSession(page);
  // Normal zoom: every button and link is a touch target of at least 48 × 48.
  const small = await page.locator('button, a[href]').evaluateAll((els) => els
    .map((e) => ({ name: e.getAttribute('aria-label') ?? e.textContent.trim(), r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.width < 48 || r.height < 48))
    .map(({ name, r }) => `"${name}" ${Math.round(r.width)}×${Math.round(r.height)}`));
  expect.soft(small, `${label}: buttons and links smaller than 48 × 48 px`).toEqual([]);

  for (const mode of ['half viewport', 'double text']) {
    if (mode === 'half viewport') {
      await page.setViewportSize({ width: full.width / 2, height: full.height / 2 });
    } else {
      await page.setViewportSize(full);
      // The browser's own text size setting at twice its default (16 → 32 px): the root's 112.5 %
      // becomes 36 px, and media queries in em see it too, as they do on a real tablet.
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('36px');
    }
    expect.soft(await problems(page), `${label}, ${mode}`).toEqual([]);
    await expectButtonsReachable(page, `${label}, ${mode}`);
    for (const locator of extra) {
      await locator.first().scrollIntoViewIfNeeded();
      await expect.soft(locator.first(), `${label}, ${mode}`).toBeInViewport();
    }
    if (axe) await expectNoAxeViolations(page, `${label}, ${mode}`);
  }
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });
  await cdp.detach();
  await page.setViewportSize(full);
}

test('200 % zoom: the youth screens and the counsellor\'s result, participant and home lose nothing', async ({ page }) => {
  await freshYouth(page);
  const h1 = page.getByRole('heading', { level: 1 });
  await checkScreen(page, 'start', [h1, page.locator('.code-line')]);
  await button(page, 'Start').tap();
  for (let i = 0; i < 5; i++) {
    await expect(page.getByText(`Spørgsmål ${i + 1} af 5`)).toBeVisible();
    await checkScreen(page, `WHO-5 item ${i + 1}`, [h1, page.locator('.progress-text')]);
    await button(page, who5Label(i % 6)).tap();
  }
  await expect(button(page, '10')).toBeVisible();
  await checkScreen(page, 'ladder', [h1, page.locator('.anchor-top'), page.locator('.anchor-bottom')], { axe: true });
  await button(page, '8').tap();
  await expect(h1).toHaveText('Tjek dine svar');
  await checkScreen(page, 'review', [page.locator('.answers .q').last(), page.locator('.answers .a').last()]);
  await button(page, 'Send svar').tap();
  await expect(h1).toHaveText('Tak for dine svar');
  await checkScreen(page, 'thank you', [h1]);
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(h1).toHaveText('Resultat');
  await checkScreen(page, 'result', [page.locator('.figures dd'), page.locator('.band-label'), page.locator('ul.flags li')]);
  await button(page, 'Til deltageren').tap();
  // A trend chart per tracked score: WHO-5 and the ladder.
  await expect(page.locator('figure.chart')).toHaveCount(2);
  // A wide table may scroll within itself, but stays a table.
  const table = [page.getByRole('columnheader').last(), page.getByRole('cell').last()];
  await checkScreen(page, 'participant', [...table, page.locator('.chart').first(), page.locator('.chart').last()], { axe: true });
  await button(page, 'Alle deltagere').tap();
  await expect(h1).toHaveText('Deltagere');
  await checkScreen(page, 'counsellor home', [...table, page.locator('.storage p').last()], { axe: true });
});

test('200 % zoom: setting up, the passphrase prompt, the export page\'s data care and the waiting screen lose nothing', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Opsæt tabletten' })).toBeVisible();
  await expect(page.getByLabel('Ny adgangssætning')).toBeVisible();
  await checkScreen(page, 'set up: passphrase and PIN', [page.locator('.warn')]);
  await setPin(page);
  const code = await newParticipant(page);
  await handOver(page, 'Indskrivning');
  await expect(page.locator('.rights')).toBeVisible();
  await checkScreen(page, 'start with the young person\'s rights', [page.locator('.rights li').last()]);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Dine svar er gemt' })).toBeVisible();
  await checkScreen(page, 'the answers wait for the counsellor', [page.getByRole('heading', { level: 1 })]);
  await button(page, 'Rådgiver').tap();
  await expect(page.getByLabel('Adgangssætning', { exact: true })).toBeVisible();
  await checkScreen(page, 'passphrase prompt', [page.getByLabel('Adgangssætning', { exact: true })]);
  await unlock(page);
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await page.getByRole('link', { name: 'Eksportér', exact: true }).tap();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Sikkerhedskopi', exact: true })).toBeVisible();
  await button(page, `Slet deltager ${code} …`).tap();
  await checkScreen(page, 'export page with its data care', [page.locator('#erase-warning'), page.locator('#keys-heading')], { axe: true });
});

test('200 % zoom: the days grids, the decline, and the counsellor\'s screens with the substance module lose nothing', async ({ page }) => {
  test.setTimeout(180_000);
  await upToTheDays(page);
  const h1 = page.getByRole('heading', { level: 1 });
  const shown = page.locator('.question:not([hidden])');
  await checkScreen(page, 'days 0–30 with the module\'s lead-in',
    [h1, shown.locator('.intro'), shown.locator('.day').last(), shown.locator('.decline')], { axe: true });
  await button(page, '12').tap();
  await button(page, 'Vil ikke svare').tap();
  await button(page, '0').tap();
  await expect(h1).toHaveText(item(substance, 'anydrug_7d').text.da);
  await checkScreen(page, 'days 0–7', [h1, shown.locator('.day').last(), shown.locator('.decline')]);
  await button(page, '3').tap();
  await expect(h1).toHaveText('Tjek dine svar');
  await checkScreen(page, 'review with a declined answer', [page.locator('.answers .a').last()]);
  await button(page, 'Send svar').tap();
  await button(page, 'Rådgiver').tap();
  await unlock(page);
  await expect(h1).toHaveText('Resultat');
  await checkScreen(page, 'result with the module', [page.locator('.figures dd').last(), page.locator('.declined')]);
  await button(page, 'Til deltageren').tap();
  await expect(page.locator('.chart').first()).toBeVisible();
  // A chart per tracked score that has a value: the declined one has none.
  await expect(page.locator('figure.chart')).toHaveCount(5);
  await checkScreen(page, 'participant with the module', [page.getByRole('columnheader').last(), page.getByRole('cell').last(), page.locator('.chart').last()]);
  await button(page, 'Alle deltagere').tap();
  await button(page, 'Indstillinger').tap();
  await expect(h1).toHaveText('Indstillinger');
  await checkScreen(page, 'settings', [page.getByRole('button', { name: 'Gem indstillinger' }), page.locator('.programmes a')]);
});
