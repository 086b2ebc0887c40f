// The renderer profile scripts' one report of a Chromium CPU profile (CDP Profiler.stop): self time
// per function, named through the renderer's source maps, and with --callers the app stacks that
// lead to a function. Used by renderer-search-profile.ts and renderer-scroll-profile.ts.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
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

/**
 * Prints the busy time per unit of work (`units` keystrokes, frames...), the `top` functions by self
 * time, and with `callers` the ten heaviest app stacks leading to functions whose name contains it.
 */
export function printProfile(profile: CpuProfile, opts: { units: number; unit: string; note?: string; top: number; callers?: string }): void {
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
  console.log(`${opts.units} ${opts.unit}s; profiled ${(total / 1000).toFixed(0)} ms, of which busy ${((total - idle) / 1000).toFixed(0)} ms = ${((total - idle) / 1000 / opts.units).toFixed(2)} ms per ${opts.unit}${opts.note ? ` (${opts.note})` : ''}`);
  for (const [fn, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, opts.top)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${fn}`);
  if (!opts.callers) return;
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const stacks = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us || !where(n.callFrame).includes(opts.callers)) continue;
    const chain: string[] = [];
    for (let p = parent.get(n.id); p && chain.length < 12; p = parent.get(p.id)) {
      const w = where(p.callFrame);
      if (process.env.PROFILE_ALL_FRAMES === '1' || (!w.includes('~/') && !w.startsWith('('))) chain.push(w);
    }
    const key = chain.slice(0, 8).join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  for (const [chain, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${chain}`);
}
