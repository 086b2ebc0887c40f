// A search keystroke's work on a 10,000-version store, from a Chromium trace of the page (e2e
// harness, real service and store): per keystroke, the renderer main thread's tasks from the key
// to the end of the first frame that paints after it, in wall time and in the thread's own CPU
// time. On a shared machine the difference is the time the thread waited for a core (descheduled),
// which no change to the app can remove: this shows how much of a p95 is the scheduler.
// Prints figures, asserts nothing. Build the renderer first (`npx vite build`).
//   node bench/renderer-search-trace.ts [--names 1000] [--versions 10] [--rounds 3] [--out trace.json]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateStore } from './gen-store.ts';
import { startHarness } from '../tests/e2e/harness/shelf-window.ts';
import { removeDir, tempDir } from '../tests/e2e/harness/store-fixtures.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '1000' }, versions: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' }, out: { type: 'string' } } });

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, when the platform reports it. */
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

const home = await tempDir('shelf-bench-trace-');
await generateStore(home, { names: Number(values.names), versions: Number(values.versions) });
const harness = await startHarness();
try {
  const win = await harness.open({ home });
  const page = win.page;
  await page.waitForSelector('[role=listbox][aria-label="Models"] [role=option]', { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const search = page.getByRole('searchbox', { name: 'Search models' });
  await search.click();
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
  let keys = 0;
  // The same keystrokes as bench/renderer-bench.ts: type a 10-character name, delete it.
  for (let round = 0; round < Number(values.rounds); round += 1) {
    const query = `model_0${String(100 + ((round * 211) % 900)).slice(0, 3)}`;
    for (const key of [...query, ...Array<string>(query.length).fill('Backspace')]) {
      await page.keyboard.press(key);
      // Past the frame after the key, so each key's work stands alone.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      keys += 1;
    }
  }
  await cdp.send('Tracing.end');
  await complete;
  if (values.out) writeFileSync(values.out, JSON.stringify(events));

  const mainThread = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const main = events.filter((e) => e.ph === 'X' && mainThread.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const tasks = main.filter((e) => e.name === 'RunTask');
  const within = (task: TraceEvent, names: readonly string[], type?: string): boolean => {
    const end = task.ts + (task.dur ?? 0);
    return main.some((e) => e.ts >= task.ts && e.ts < end && names.includes(e.name) && (type === undefined || e.args?.data?.type === type));
  };
  const isKey = tasks.map((t) => within(t, ['EventDispatch'], 'input'));
  const paints = tasks.map((t) => within(t, ['Paint']));
  const samples: { wall: number; cpu: number; span: number }[] = [];
  for (let i = 0; i < tasks.length; i += 1) {
    if (!isKey[i]) continue;
    let wall = 0;
    let cpu = 0;
    let j = i;
    // The key's task, every task after it up to and including the first that paints.
    for (; j < tasks.length && (j === i || !isKey[j]); j += 1) {
      wall += tasks[j]!.dur ?? 0;
      cpu += tasks[j]!.tdur ?? tasks[j]!.dur ?? 0;
      if (j > i && paints[j]) break;
    }
    if (j >= tasks.length || isKey[j]) continue; // no frame painted before the next key
    samples.push({ wall: wall / 1000, cpu: cpu / 1000, span: (tasks[j]!.ts + (tasks[j]!.dur ?? 0) - tasks[i]!.ts) / 1000 });
  }
  const line = (label: string, xs: number[]) => console.log(`  ${label.padEnd(62)} median ${median(xs).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`);
  console.log(`search: ${keys} keystrokes traced, ${samples.length} with a painted frame after them (renderer main thread; tracing adds its own cost)`);
  line('work, wall: the key\'s task to the painted frame\'s, summed', samples.map((s) => s.wall));
  line('work, CPU: the same tasks\' thread time', samples.map((s) => s.cpu));
  line('waiting for a core (wall - CPU)', samples.map((s) => s.wall - s.cpu));
  line('key task start -> frame painted (incl. vsync wait)', samples.map((s) => s.span));
  if (samples.length === keys) {
    // Which keys cost what (CPU): the n-th key of every round; +8..+10 and -1..-3 change the models shown.
    const perKey = Array.from({ length: 20 }, (_, k) => median(samples.filter((_, i) => i % 20 === k).map((s) => s.cpu)));
    console.log(`  CPU by key of the round (median): ${perKey.map((x, k) => `${k < 10 ? `+${k + 1}` : `-${k - 9}`} ${x.toFixed(1)}`).join('  ')}`);
  }
  console.log(`  load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await win.close();
} finally {
  await harness.close();
  await removeDir(home);
}
