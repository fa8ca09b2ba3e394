// With "reduce motion" asked for, nothing on the young person's screens moves:
// no element, pseudo-element or browser-internal part (the progress bar's
// value lives in Chromium's user-agent shadow tree, which getComputedStyle
// cannot reach) has a transition or animation of any length.
import { test, expect } from '@playwright/test';
import {
  button, freshYouth, item, ladder, upToTheDays, who5Label,
} from './helpers.mjs';

/** Every element whose computed transition or animation lasts longer than 10 ms, found through
 * the DevTools protocol, which sees shadow trees (the user agent's too) and pseudo-elements. */
async function moving(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const seconds = (list) => Math.max(...list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 0.001 : 1)));
    const found = [];
    const walk = async (node, path) => {
      const here = node.nodeType === 1
        ? `${path} > ${node.localName}${node.pseudoType ? `::${node.pseudoType}` : ''}${node.attributes?.length ? `[${node.attributes.join(' ')}]` : ''}`
        : path;
      if (node.nodeType === 1) {
        // A screen left behind is removed after the next paint, maybe during this walk: gone, it
        // cannot move, and its subtree is skipped. Any other failure fails the test.
        const style = await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId }).catch((e) => {
          if (e.message.includes('Could not find node with given id')) return null;
          throw e;
        });
        if (!style) return;
        const { computedStyle } = style;
        const get = (name) => computedStyle.find((p) => p.name === name)?.value ?? '0s';
        const transition = seconds(get('transition-duration'));
        const animation = get('animation-name') === 'none' ? 0 : seconds(get('animation-duration'));
        if (transition > 0.01 || animation > 0.01) found.push(`${here}: transition ${transition}s, animation ${animation}s`);
      }
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.pseudoElements ?? [])]) {
        await walk(child, node.nodeType === 1 ? `${path} > ${node.localName}` : path);
      }
    };
    await walk(root, '');
    return found;
  } finally {
    await cdp.detach();
  }
}

test('with reduced motion nothing on the question screens has a transition or animation', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await freshYouth(page);
  expect(await moving(page), 'start screen').toEqual([]);
  await button(page, 'Start').tap();
  for (let i = 0; i < 5; i++) {
    await expect(page.getByText(`Spørgsmål ${i + 1} af 5`)).toBeVisible();
    expect(await moving(page), `WHO-5 item ${i + 1}`).toEqual([]);
    await button(page, who5Label(3)).tap();
  }
  await expect(button(page, '10')).toBeVisible();
  expect(await moving(page), 'ladder').toEqual([]);
  await button(page, '6').tap();
  await expect(page.getByRole('heading', { name: 'Tjek dine svar' })).toBeVisible();
  expect(await moving(page), 'review').toEqual([]);
});

test('with reduced motion nothing on the days grids moves, a pressed decline included', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await upToTheDays(page);
  expect(await moving(page), 'days 0–30').toEqual([]);
  await button(page, 'Vil ikke svare').tap();
  await button(page, 'Tilbage').tap();
  await expect(button(page, 'Vil ikke svare')).toHaveAttribute('aria-pressed', 'true');
  expect(await moving(page), 'days 0–30, declined').toEqual([]);
});
