// Keyboard-only helpers: reach a control with Tab (proving it is in the tab order) instead of
// clicking it.
import type { Locator, Page } from 'playwright-core';

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false);
}

/**
 * Presses Tab (Shift+Tab with `backward`) until `target` has focus, at most `max` times; throws
 * when it is not reached, which means it is not in the tab order where a person would look.
 */
export async function tabTo(page: Page, target: Locator, options: { backward?: boolean; max?: number } = {}): Promise<number> {
  await target.waitFor();
  const key = options.backward ? 'Shift+Tab' : 'Tab';
  const max = options.max ?? 40;
  for (let presses = 0; presses <= max; presses += 1) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${max} x ${key} never reached ${target.toString()}; focus is on ${focused}.`);
}

/** The accessible name-ish description of what has focus (for assertions and messages). */
export async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim() : '';
  });
}
