// The version table (issue 12 view 13) on a 10,000-version store, in Chromium through the e2e
// harness (real preload, real service, real store on disk). Prints figures, asserts nothing.
// Run: node bench/version-table-bench.ts [--names 1] [--versions 10000] [--runs 5]
// With --names 1 --versions 10000 one model holds every version (the table's worst case); with
// --names 1000 --versions 10 the search keystroke is measured while a model's table is shown.
// Targets (ux.md / design §5): click a model -> its first version rows painted < 500 ms; a header
// click or a search keystroke -> DOM updated within a frame (median < 16 ms).
// The window opens the first model of the list by itself, so a click on the model already shown
// changes nothing: each measured click is on a model that is not shown, after an unmeasured click
// on another one (with --names 1, a one-version model kept below it in the list, `aside`).
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { generateStore, writeLatestFile, writeVersion } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1' }, versions: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const NAMES = Number(values.names);
const VERSIONS = Number(values.versions);
const RUNS = Number(values.runs);

// In the page: time from an event (click or key) to the last DOM mutation, settled after 3 quiet frames.
function probe(): void {
  type B = { at: number | null; mutations: number[]; frames: number[]; looping: boolean };
  const w = window as unknown as { __vt: B; __vtArm(): void; __vtSettle(): Promise<unknown> };
  const b: B = { at: null, mutations: [], frames: [], looping: false };
  w.__vt = b;
  for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, (e) => { if (b.at === null) b.at = e.timeStamp; }, true);
  new MutationObserver(() => b.mutations.push(performance.now())).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  w.__vtArm = () => {
    b.at = null;
    b.mutations = [];
    b.frames = [];
    b.looping = true;
    const loop = (): void => {
      b.frames.push(performance.now());
      if (b.looping) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  w.__vtSettle = () =>
    new Promise((resolve) => {
      let quiet = 0;
      let seen = -1;
      const check = (): void => {
        const n = b.mutations.length;
        quiet = n === seen ? quiet + 1 : 0;
        seen = n;
        if (b.at !== null && quiet >= 3) {
          b.looping = false;
          // Only what changed after the event is its answer: a page still settling before it is not.
          const at = b.at;
          const last = b.mutations.filter((t) => t >= at).at(-1) ?? null;
          resolve({ at: b.at, last, frameAfter: last === null ? null : (b.frames.find((t) => t > last) ?? null) });
        } else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

async function measure(page: Page, act: () => Promise<void>): Promise<{ toDom: number | null; toFrame: number | null }> {
  await page.evaluate(() => (window as unknown as { __vtArm(): void }).__vtArm());
  await act();
  const r = (await page.evaluate(() => (window as unknown as { __vtSettle(): Promise<unknown> }).__vtSettle())) as { at: number; last: number | null; frameAfter: number | null };
  return { toDom: r.last === null ? null : r.last - r.at, toFrame: r.frameAfter === null ? null : r.frameAfter - r.at };
}

const summary = (label: string, xs: { toDom: number | null; toFrame: number | null }[]): void => {
  const dom = xs.filter((x) => x.toDom !== null).map((x) => x.toDom!);
  const frame = xs.filter((x) => x.toFrame !== null).map((x) => x.toFrame!);
  console.log(`${label}: ${dom.length} of ${xs.length} changed the DOM; to the DOM median ${ms(median(dom))}, p95 ${ms(pct(dom, 95))}; to the next frame median ${ms(median(frame))}`);
};

const home = await tempDir('shelf-bench-home-');
const count = await generateStore(home, { names: NAMES, versions: VERSIONS });
const ASIDE = 'aside';
if (NAMES === 1) {
  // Older than every generated version, so it stays below the measured model in the list.
  await writeVersion(home, ASIDE, 'aside00000000001', { creationTime: '2024-01-01T00:00:00.000000+00:00', files: { 'model.pkl': 2048 } });
  await writeLatestFile(home, ASIDE, 'aside00000000001');
}
console.log(`store: ${count} versions in ${NAMES} names${NAMES === 1 ? ` (and ${ASIDE}, one version, to click away to)` : ''}`);
const harness = await startHarness();
try {
  const win = await harness.open({ home, viewport: { width: 1280, height: 800 }, initScripts: [`(${probe.toString()})()`] });
  const page = win.page;
  const models = page.getByRole('listbox', { name: 'Models' });
  await models.getByRole('option').first().waitFor({ timeout: 120_000 });
  // The top two models of the list as shown (newest first), so no scrolling is measured.
  const top = (await models.getByRole('option').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('aria-label') ?? ''))).filter(Boolean);
  const names = NAMES === 1 ? top.filter((n) => n !== ASIDE) : top;
  const versionsOf = (name: string) => page.getByRole('listbox', { name: `Versions of ${name}` });
  const open = async (name: string): Promise<void> => {
    await models.getByRole('option', { name, exact: true }).click();
    await versionsOf(name).getByRole('option').first().waitFor({ timeout: 120_000 });
  };

  // Click a model that is not shown -> its version table's first rows in the DOM (and the frame after).
  const opens: { toDom: number | null; toFrame: number | null }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const name = names[run % names.length]!;
    if ((await versionsOf(name).count()) > 0) await open(NAMES === 1 ? ASIDE : top.find((n) => n !== name)!);
    opens.push(await measure(page, () => models.getByRole('option', { name, exact: true }).click()));
    await versionsOf(name).getByRole('option').first().waitFor({ timeout: 120_000 });
  }
  summary(`click a model (${VERSIONS} versions) -> version table shown`, opens);

  const name = names[0]!;
  if ((await versionsOf(name).count()) === 0) await open(name);
  const sortBar = page.getByRole('toolbar', { name: `Sort the versions of ${name}` });
  const sorts: { toDom: number | null; toFrame: number | null }[] = [];
  for (let run = 0; run < RUNS * 2; run += 1) {
    const column = ['Size', 'stage', 'Created', 'Version'][run % 4]!;
    sorts.push(await measure(page, () => sortBar.getByRole('button', { name: new RegExp(`^${column}`) }).click()));
  }
  summary(`header click (sort ${VERSIONS} versions)`, sorts);

  // Search keystrokes with the table shown (the active model matches every prefix typed).
  const search = page.getByRole('searchbox', { name: 'Search models' });
  const keys: { toDom: number | null; toFrame: number | null }[] = [];
  for (let round = 0; round < 3; round += 1) {
    await search.click();
    // Narrowing key by key to the active model's own name, then back: the table stays shown throughout.
    const query = name;
    for (const ch of query) keys.push(await measure(page, () => page.keyboard.press(ch)));
    for (let i = 0; i < query.length; i += 1) keys.push(await measure(page, () => page.keyboard.press('Backspace')));
  }
  summary('search keystroke with the version table shown', keys);
  console.log(`\ncommand: node bench/version-table-bench.ts --names ${NAMES} --versions ${VERSIONS} --runs ${RUNS}`);
} finally {
  await harness.close();
  await removeDir(home);
}
