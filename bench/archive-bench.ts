// Export/import throughput and peak memory. Prints figures, asserts nothing.
// Run: node bench/archive-bench.ts            (BENCH_MIB=64 by default; incompressible data)
import { randomFillSync } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commitStagedVersion } from '../src-main/store/create/commit-version.ts';
import { exportModel } from '../src-main/store/archive/export-model.ts';
import { storePaths } from '../src-main/store/paths/home.ts';
import { importModel } from '../src-main/store/import/import-model.ts';
import { newModelInfo } from '../src-main/store/yaml/model-yaml.ts';
import { createStagingDir } from '../src-main/store/create/staging-area.ts';

const MIB = Number(process.env.BENCH_MIB ?? 64);
const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-bench-'));
const src = storePaths(path.join(root, 'src'));
const staging = await createStagingDir(src);
const fh = await fsp.open(path.join(staging.dir, 'weights.bin'), 'w');
const chunk = Buffer.alloc(1 << 20);
for (let i = 0; i < MIB; i++) await fh.write(randomFillSync(chunk));
await fh.close();
const version = await commitStagedVersion(src, staging.dir, newModelInfo({ name: 'bench', version: 'v1' }));

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
async function measure(label: string, fn: () => Promise<unknown>): Promise<void> {
  peak = process.memoryUsage().rss;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  await fn();
  const s = (performance.now() - t) / 1000;
  // CPU seconds too: wall time alone is meaningless on a shared, loaded machine.
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`${label.padEnd(28)} ${s.toFixed(2).padStart(7)} s wall  ${cpuS.toFixed(2).padStart(7)} s CPU  ${(MIB / s).toFixed(1).padStart(7)} MiB/s  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
}

console.log(`model: ${MIB} MiB of random bytes; node ${process.version}; ${os.cpus().length} cores`);
for (const name of ['m.bentomodel', 'm.tar.gz', 'm.tar', 'm.zip']) {
  const out = path.join(root, name);
  await measure(`export ${name}`, () => exportModel(src, version, out));
  const size = (await fsp.stat(out)).size;
  const dst = storePaths(path.join(root, `dst-${name}`));
  await measure(`import ${name} (${(size / 2 ** 20).toFixed(1)} MiB)`, () => importModel(dst, out));
}
clearInterval(sampler);
await fsp.rm(root, { recursive: true, force: true });
