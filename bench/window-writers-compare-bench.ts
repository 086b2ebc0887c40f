// Two window checks on a large store, in Chromium through the e2e harness (real preload, real
// service, real store on disk). Prints figures, asserts nothing.
// 1. The store-wide writer check (src-renderer/hooks/use-store-writers.ts asks main about every
//    version without model.yaml, in chunks of 1,000): long tasks in the page from the first
//    snapshot until the answers are in, with --incomplete version folders lacking model.yaml.
// 2. Compare on a big model: click Compare with two versions ticked -> the dialog's rows in the DOM.
// Run: node bench/window-writers-compare-bench.ts [--names 1] [--versions 10000] [--incomplete 2000] [--runs 3]
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1' }, versions: { type: 'string', default: '10000' }, incomplete: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' } } });
const NAMES = Number(values.names);
const VERSIONS = Number(values.versions);
const INCOMPLETE = Number(values.incomplete);
const RUNS = Number(values.runs);

// In the page before the renderer: long tasks, and the time of an event and of a selector's first match.
function probe(): void {
  type P = { longTasks: { start: number; duration: number }[]; at: number | null; seenAt: number | null; want: string | null };
  const w = window as unknown as { __p: P; __pArm(selector: string): void };
  const p: P = { longTasks: [], at: null, seenAt: null, want: null };
  w.__p = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.addEventListener('pointerdown', (e) => { if (p.at === null) p.at = e.timeStamp; }, true);
  new MutationObserver(() => {
    if (p.want && p.seenAt === null && document.querySelector(p.want)) p.seenAt = performance.now();
  }).observe(document, { subtree: true, childList: true });
  w.__pArm = (selector) => {
    p.at = null;
    p.seenAt = null;
    p.want = selector;
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

const home = await tempDir('shelf-bench-home-');
const count = await generateStore(home, { names: NAMES, versions: VERSIONS });
// Version folders without model.yaml (a save in progress or interrupted), spread over the names.
const names = (await readdir(path.join(home, 'models'))).filter((n) => !n.startsWith('.')).sort();
for (let i = 0; i < INCOMPLETE; i += 1) {
  const dir = path.join(home, 'models', names[i % names.length]!, `partial${String(i).padStart(8, '0')}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'weights.bin'), `partial ${i}`);
}
console.log(`store: ${count} versions in ${NAMES} names, plus ${INCOMPLETE} folders without model.yaml`);

const harness = await startHarness();
try {
  const starts: { writerAnswers: number; lastAnswer: number; longTasks: number; longMs: number; longest: number; at: string }[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const win = await harness.open({ home, viewport: { width: 1280, height: 800 }, initScripts: [`(${probe.toString()})()`] });
    const page = win.page;
    const expected = Math.ceil(INCOMPLETE / 1000);
    await page.waitForFunction((n) => performance.getEntriesByName('shelf:answer:version:writer').length >= n, expected, { timeout: 120_000 });
    await page.waitForTimeout(1000);
    const r = await page.evaluate(() => {
      const snap = Math.min(...[...performance.getEntriesByName('shelf:answer:store:snapshot'), ...performance.getEntriesByName('shelf:push:store:changed')].map((m) => m.startTime));
      const answers = performance.getEntriesByName('shelf:answer:version:writer').map((m) => m.startTime);
      const lt = (window as unknown as { __p: { longTasks: { start: number; duration: number }[] } }).__p.longTasks.filter((e) => e.start + e.duration >= snap);
      return { answers: answers.length, last: Math.max(...answers) - snap, lt, snap, first: Math.min(...answers) - snap };
    });
    starts.push({ writerAnswers: r.answers, lastAnswer: r.last, longTasks: r.lt.length, longMs: r.lt.reduce((s, e) => s + e.duration, 0), longest: Math.max(0, ...r.lt.map((e) => e.duration)), at: r.lt.map((e) => `${e.duration.toFixed(0)} ms at ${(e.start - r.snap).toFixed(0)}`).join(', ') });
    // Long tasks from the writer answers alone: after the first paint settled, the 30 s re-check.
    if (run === RUNS - 1) {
      await page.evaluate(() => ((window as unknown as { __p: { longTasks: unknown[] } }).__p.longTasks = []));
      const before = await page.evaluate(() => performance.getEntriesByName('shelf:answer:version:writer').length);
      await page.waitForFunction((n) => performance.getEntriesByName('shelf:answer:version:writer').length >= n, before + expected, { timeout: 60_000, polling: 500 });
      await page.waitForTimeout(1000);
      const lt = await page.evaluate(() => (window as unknown as { __p: { longTasks: { duration: number }[] } }).__p.longTasks.map((e) => e.duration));
      console.log(`30 s re-check of ${INCOMPLETE} tags (${expected} requests), window idle: ${lt.length} long tasks${lt.length ? `, longest ${Math.max(...lt).toFixed(0)} ms` : ''}`);

      // Compare on the top model: tick its first two versions, click Compare -> the dialog's rows.
      const models = page.getByRole('listbox', { name: 'Models' });
      const top = (await models.getByRole('option').first().getAttribute('aria-label')) ?? '';
      await models.getByRole('option', { name: top, exact: true }).click();
      const list = page.getByRole('listbox', { name: `Versions of ${top}` });
      await list.getByRole('option').first().waitFor();
      const opens: number[] = [];
      for (let i = 0; i < RUNS * 2; i += 1) {
        const rows = list.getByRole('option');
        await rows.nth(0).click();
        await rows.nth(1).click({ modifiers: ['Control'] });
        const toolbar = page.getByRole('toolbar', { name: 'Version actions' });
        await page.evaluate(() => (window as unknown as { __pArm(s: string): void }).__pArm('.modal-compare tbody tr, dialog tbody tr, [role=dialog] tbody tr'));
        await toolbar.getByRole('button', { name: 'Compare' }).click();
        const dialog = page.getByRole('dialog', { name: `Compare two versions of ${top}` });
        await dialog.getByRole('region', { name: 'Files' }).locator('tbody tr').first().waitFor({ timeout: 60_000 });
        const t = await page.evaluate(() => { const p = (window as unknown as { __p: { at: number | null; seenAt: number | null } }).__p; return p.at === null || p.seenAt === null ? NaN : p.seenAt - p.at; });
        opens.push(t);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
      console.log(`click Compare (model of ${VERSIONS} versions) -> first dialog rows in the DOM: median ${ms(median(opens))} (${opens.map((x) => x.toFixed(0)).join(', ')})`);
    }
    await win.close();
  }
  console.log(`start-up, per run: version:writer answers / last answer after the first snapshot / long tasks after the snapshot:`);
  for (const s of starts) console.log(`  ${s.writerAnswers} answers, last at ${ms(s.lastAnswer)}; ${s.longTasks} long tasks (${s.longMs.toFixed(0)} ms, longest ${s.longest.toFixed(0)} ms${s.at ? `: ${s.at} ms after the snapshot` : ''})`);
  console.log(`\ncommand: node bench/window-writers-compare-bench.ts --names ${NAMES} --versions ${VERSIONS} --incomplete ${INCOMPLETE} --runs ${RUNS}`);
} finally {
  await harness.close();
  await removeDir(home);
}
