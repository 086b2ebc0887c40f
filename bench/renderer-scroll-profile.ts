// Where the model list's scrolling main-thread time goes on a 10,000-version store: a V8 CPU
// profile of the page (Chromium, e2e harness) over 2 x (300 frames at 48 px + 80 frames at 700 px),
// the scrolls of bench/renderer-bench.ts, self time per function, and the long tasks seen.
// Prints figures, asserts nothing. Build first (`npx vite build --sourcemap` to name the frames).
//   node bench/renderer-scroll-profile.ts [--names 1000] [--versions 10] [--top 30] [--callers TEXT]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' }, top: { type: 'string', default: '30' }, callers: { type: 'string' } } });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

// With `npx vite build --sourcemap`, minified frames are named by their source file and line.
const maps = new Map<string, SourceMap | null>();
function where(frame: ProfileNode['callFrame']): string {
  const file = frame.url.split('/').at(-1) ?? '';
  const fallback = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
  if (!file.endsWith('.js')) return fallback;
  if (!maps.has(file)) {
    const mapFile = path.join(process.env.PROFILE_MAPS ?? path.join(import.meta.dirname, '..', 'dist', 'renderer', 'assets'), `${file}.map`);
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never) : null);
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !('originalSource' in entry) || typeof entry.originalSource !== 'string') return fallback;
  return `${(entry as { name?: string }).name ?? frame.functionName} ${entry.originalSource.replace(/^.*node_modules\//, '~/').replace(/^.*src-renderer\//, '')}:${entry.originalLine + 1}`;
}

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
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] } };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    const key = where(n.callFrame);
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const total = [...byFn.values()].reduce((a, b) => a + b, 0);
  const idle = byFn.get('(idle) :0') ?? 0;
  console.log(`${FRAMES} scroll frames; profiled ${(total / 1000).toFixed(0)} ms, of which busy ${((total - idle) / 1000).toFixed(0)} ms = ${((total - idle) / 1000 / FRAMES).toFixed(2)} ms per frame`);
  for (const [fn, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${fn}`);
  // --callers TEXT: the call stacks (app frames) that lead to the functions whose name contains TEXT.
  if (values.callers) {
    const parent = new Map<number, ProfileNode>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    const stacks = new Map<string, number>();
    for (const n of profile.nodes) {
      const us = self.get(n.id) ?? 0;
      if (!us || !where(n.callFrame).includes(values.callers)) continue;
      const chain: string[] = [];
      for (let p = parent.get(n.id); p && chain.length < 12; p = parent.get(p.id)) {
        const w = where(p.callFrame);
        if (process.env.PROFILE_ALL_FRAMES === '1' || (!w.includes('~/') && !w.startsWith('('))) chain.push(w);
      }
      const key = chain.slice(0, 8).join(' < ');
      stacks.set(key, (stacks.get(key) ?? 0) + us);
    }
    for (const [chain, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${chain}`);
    void byId;
  }
  await win.close();
} finally {
  await harness.close();
  await removeDir(home);
}
