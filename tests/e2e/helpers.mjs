// Shared helpers for the end-to-end tests: the instrument data and golden
// vectors from the repo, and the steps a young person takes, by visible label.
import fs from 'node:fs';
import { expect } from '@playwright/test';

const read = (rel) => JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8'));

export const who5 = read('../../crates/core/instruments/who5.json');
export const ladder = read('../../crates/core/instruments/cantril.json');
export const golden = read('../fixtures/golden.json').cases;

/** The visible label of a WHO-5 answer value. */
export const who5Label = (value, lang = 'da') =>
  who5.options.find((o) => o.value === value).label[lang];

/** A button found by its exact accessible name. */
export const button = (page, name) => page.getByRole('button', { name, exact: true });

/** The figure shown beside a label on the score screen, e.g. "Råscore" → "23 af 25". */
export const figure = (page, label) =>
  page.locator('.figures div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/** Starts from a fresh page and taps the answers to all six questions, checking each screen. */
export async function answerAll(page, values, ladderValue, lang = 'da') {
  await page.goto('/');
  if (lang === 'en') await button(page, 'English').tap();
  await button(page, 'Start').tap();
  const of = lang === 'da' ? 'af' : 'of';
  const progress = lang === 'da' ? 'Spørgsmål' : 'Question';
  for (let i = 0; i < 5; i++) {
    await expect(page.getByText(`${progress} ${i + 1} ${of} 5`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(who5.items[i].text[lang]);
    await button(page, who5Label(values[i], lang)).tap();
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ladder.items[0].text[lang]);
  await button(page, String(ladderValue)).tap();
}
