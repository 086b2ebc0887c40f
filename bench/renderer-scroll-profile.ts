// Where the model list's scrolling main-thread time goes on a 10,000-version store: a V8 CPU
// profile of the page (Chromium, e2e harness) over 2 x (300 frames at 48 px + 80 frames at 700 px),
// the scrolls of bench/renderer-bench.ts, self time per function, and the long tasks seen.
// Prints figures, asserts nothing. Build first (`npx vite build --sourcemap` to name the frames).
//   node bench/renderer-scroll-profile.ts [--names 1000] [--versions 10] [--top 30] [--callers TEXT]
import { parseArgs } from 'node:util';
import { printProfile, type CpuProfile } from './cpu-profile-report.ts';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' }, top: { type: 'string', default: '30' }, callers: { type: 'string' } } });

const FRAMES = 2 * (300 + 80);
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
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  await cdp.send('Profiler.start');
  const longs = await page.evaluate(async () => {
    const lt: number[] = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) lt.push(e.duration); }).observe({ type: 'longtask' });
    const el = document.querySelector('[role=listbox][aria-label="Models"]') as HTMLElement;
    for (const [frames, step] of [[300, 48], [80, 700], [300, 48], [80, 700]] as const) {
      el.scrollTop = 0;
      await new Promise<void>((resolve) => { let n = 0; const f = (): void => { el.scrollTop += step; n += 1; if (n >= frames) resolve(); else requestAnimationFrame(f); }; requestAnimationFrame(f); });
    }
    await new Promise((r) => setTimeout(r, 300));
    return lt;
  });
  console.log(`long tasks during the scrolls: ${longs.map((x) => x.toFixed(0)).join(', ') || 'none'}`);
  const after = await metrics();
  const per = (name: string) => `${(((after[name] ?? 0) - (before[name] ?? 0)) * 1000 / FRAMES).toFixed(2)} ms`;
  console.log(`per scroll frame (Chromium's Performance metrics): task ${per('TaskDuration')}, script ${per('ScriptDuration')}, style recalc ${per('RecalcStyleDuration')} (${(((after.RecalcStyleCount ?? 0) - (before.RecalcStyleCount ?? 0)) / FRAMES).toFixed(1)} recalcs), layout ${per('LayoutDuration')} (${(((after.LayoutCount ?? 0) - (before.LayoutCount ?? 0)) / FRAMES).toFixed(1)} layouts)`);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  printProfile(profile, { units: FRAMES, unit: 'scroll frame', top: Number(values.top), callers: values.callers });
  await win.close();
} finally {
  await harness.close();
  await removeDir(home);
}
