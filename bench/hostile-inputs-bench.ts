// Wall time and counted work of the hostile-input guards whose complexity the tests prove by
// counting (tests/unit/yaml-aliases.test.ts, tests/unit/archive-links.test.ts): many distinct
// YAML aliases, a billion-laughs model.yaml, and a long chain of link members. Prints figures,
// asserts nothing; doubling n should roughly double both columns.
// Run: node bench/hostile-inputs-bench.ts
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ReadableStream } from 'node:stream/web';
import { extractEntries } from '../src-main/store/import/archive-extract.ts';
import type { RawEntry } from '../src-main/store/archive/archive-readers.ts';
import { newModelInfo, parseModelYaml } from '../src-main/store/yaml/model-yaml.ts';
import { serializeModelYaml } from '../src-main/store/yaml/model-yaml-write.ts';
import { countWork, type WorkKind } from '../src-main/store/paths/work-count.ts';

const BASE = serializeModelYaml(newModelInfo({ name: 'bench', version: 'v1' }));
const withMetadata = (lines: string[]): string => BASE.replace('metadata: {}\n', `metadata:\n${lines.join('\n')}\n`);

async function measure(label: string, kind: WorkKind, run: () => unknown): Promise<void> {
  const start = process.hrtime.bigint();
  const { steps, error } = await countWork(kind, run);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const outcome = error ? `refused: ${(error as Error).message.slice(0, 60)}...` : 'ok';
  console.log(`${label.padEnd(42)} ${ms.toFixed(1).padStart(9)} ms ${String(steps).padStart(10)} ${kind} steps  ${outcome}`);
}

for (const n of [5_000, 10_000, 20_000, 40_000]) {
  const text = withMetadata(Array.from({ length: n }, (_, i) => `  a${i}: &a${i} v${i}\n  b${i}: *a${i}`));
  await measure(`${n} distinct aliases (${(text.length / 1024).toFixed(0)} KiB)`, 'yaml-node', () => parseModelYaml(text));
}

for (const levels of [8, 9]) {
  const lines = ['  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  await measure(`billion laughs, 10^${levels} values`, 'yaml-node', () => parseModelYaml(withMetadata(lines)));
}

const link = (name: string, linkname: string): RawEntry => ({ name, type: 'symlink', typeLabel: 'symlink', size: 0, mode: 0o644, linkname, data: () => Promise.resolve(Readable.from([])) });
const file: RawEntry = { name: 'f', type: 'file', typeLabel: 'file', size: 3, mode: 0o644, data: () => Promise.resolve(Readable.from([Buffer.from('end')])) };
for (const n of [2_500, 5_000, 10_000]) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bench-links-'));
  // s0 -> s1 -> ... -> f, listed before f (the archive that took 110 s before resolution was linear)
  const members = [...Array.from({ length: n }, (_, i) => link(`s${i}`, i === n - 1 ? 'f' : `s${i + 1}`)), file];
  await measure(`chain of ${n} links`, 'link-step', () => extractEntries(ReadableStream.from(members), dir, { byteBudget: 1e9, maxMembers: 1e6 }));
  await fsp.rm(dir, { recursive: true, force: true });
}
