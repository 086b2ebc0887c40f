// The screenshot suites' one way to take and keep screenshots (issue 12): every view at 1280 x 800
// and 900 x 600 in both themes, named <view>-<width>-<theme>.png. Written to test-results/screenshots/;
// MODEL_SHELF_UPDATE_SCREENSHOTS=1 also copies them to docs/screenshots/ (the reviewed set in the
// repository), where each suite then removes only its own stale files.
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './build-preload.ts';
import { layoutProblems } from './fits.ts';

export const SCREENSHOTS_OUT = path.join(repoRoot, 'test-results', 'screenshots');
export const SCREENSHOTS_DOCS = path.join(repoRoot, 'docs', 'screenshots');
export const SCREENSHOT_SCHEMES = ['light', 'dark'] as const;
export const SCREENSHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 600 },
] as const;

export type ScreenshotScheme = (typeof SCREENSHOT_SCHEMES)[number];

// <view>-<width>-<theme>.png; the view is everything before the size (remote-add-900-dark.png is remote-add).
const NAMED = /^(.+)-(1280|900)-(light|dark)\.png$/;

function updatingDocs(): boolean {
  return process.env.MODEL_SHELF_UPDATE_SCREENSHOTS === '1';
}

/** The name of one view's screenshot at one size and theme, without the .png. */
export function screenshotName(view: string, width: number, scheme: ScreenshotScheme): string {
  return `${view}-${width}-${scheme}`;
}

/** Screenshots the page as test-results/screenshots/<name>.png (and docs/screenshots/ when updating); returns the file. */
export async function shoot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS_OUT, { recursive: true });
  const file = path.join(SCREENSHOTS_OUT, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (updatingDocs()) {
    await mkdir(SCREENSHOTS_DOCS, { recursive: true });
    await copyFile(file, path.join(SCREENSHOTS_DOCS, `${name}.png`));
  }
  return file;
}

/**
 * When updating docs/screenshots/: removes the files there of the views this suite made that this run
 * did not make (a size or theme dropped). Other suites' views stay, so suites never delete each other's
 * files. `unnamed` also removes PNGs not named <view>-<width>-<theme>.png (files named the old way);
 * only one suite (screenshots.test.ts) should ask for that.
 */
export async function removeStaleScreenshots(written: readonly string[], options: { unnamed?: boolean } = {}): Promise<void> {
  if (!updatingDocs()) return;
  const made = new Set(written.map((f) => path.basename(f)));
  const mine = new Set([...made].map((f) => NAMED.exec(f)?.[1]));
  for (const old of await readdir(SCREENSHOTS_DOCS)) {
    if (!old.endsWith('.png') || made.has(old)) continue;
    const view = NAMED.exec(old)?.[1];
    if (view === undefined ? options.unnamed === true : mine.has(view)) await rm(path.join(SCREENSHOTS_DOCS, old));
  }
}

/** One size and theme of a screenshot suite's run. */
export interface ScreenshotRound {
  readonly scheme: ScreenshotScheme;
  readonly size: (typeof SCREENSHOT_SIZES)[number];
  /** Records what leaves the window (layoutProblems), then shoots the page as <view>-<width>-<theme>. */
  readonly shootView: (page: Page, view: string) => Promise<void>;
}

/**
 * Runs `round` at every size and theme, in order; returns the files written and the layout problems
 * found, each named by its screenshot, for the suite to assert on and to pass to removeStaleScreenshots.
 */
export async function shootEveryRound(round: (r: ScreenshotRound) => Promise<void>): Promise<{ written: string[]; problems: string[] }> {
  const written: string[] = [];
  const problems: string[] = [];
  for (const scheme of SCREENSHOT_SCHEMES) {
    for (const size of SCREENSHOT_SIZES) {
      await round({
        scheme,
        size,
        shootView: async (page, view) => {
          const name = screenshotName(view, size.width, scheme);
          for (const problem of await layoutProblems(page)) problems.push(`${name}: ${problem}`);
          written.push(await shoot(page, name));
        },
      });
    }
  }
  return { written, problems };
}
