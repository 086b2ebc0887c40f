// Where a search keystroke's main-thread time goes on a 10,000-version store: a V8 CPU profile of
// the page (Chromium, e2e harness) over typed and deleted queries, self time per function.
// Prints figures, asserts nothing. Run `npm run build` first.
//   node bench/renderer-search-profile.ts [--names 1000] [--versions 10] [--rounds 3] [--top 30]
import { parseArgs } from 'node:util';
import { printProfile, type CpuProfile } from './cpu-profile-report.ts';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' }, top: { type: 'string', default: '30' }, callers: { type: 'string' } } });

const home = await tempDir('shelf-bench-profile-');
await generateStore(home, { names: Number(values.names), versions: Number(values.versions) });
const harness = await startHarness();
try {
  const win = await harness.open({ home });
  const page = win.page;
  await page.waitForSelector('[role=listbox][aria-label="Models"] [role=option]', { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const search = page.getByRole('searchbox', { name: 'Search models' });
  await search.click();
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  await cdp.send('Profiler.start');
  let keys = 0;
  for (let round = 0; round < Number(values.rounds); round += 1) {
    const query = `model_0${String(100 + round * 211).slice(0, 3)}`;
    for (const ch of query) {
      await page.keyboard.press(ch);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      keys += 1;
    }
    for (let i = 0; i < query.length; i += 1) {
      await page.keyboard.press('Backspace');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      keys += 1;
    }
  }
  const after = await metrics();
  const per = (name: string) => `${(((after[name] ?? 0) - (before[name] ?? 0)) * 1000 / keys).toFixed(2)} ms`;
  console.log(`per keystroke (Chromium's Performance metrics): task ${per('TaskDuration')}, script ${per('ScriptDuration')}, style recalc ${per('RecalcStyleDuration')} (${(((after.RecalcStyleCount ?? 0) - (before.RecalcStyleCount ?? 0)) / keys).toFixed(1)} recalcs), layout ${per('LayoutDuration')} (${(((after.LayoutCount ?? 0) - (before.LayoutCount ?? 0)) / keys).toFixed(1)} layouts)`);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  printProfile(profile, { units: keys, unit: 'keystroke', note: "includes the harness's page.evaluate calls", top: Number(values.top), callers: values.callers });
  await win.close();
} finally {
  await harness.close();
  await removeDir(home);
}
