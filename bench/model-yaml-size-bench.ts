// How long real BentoML takes to list and get a store holding ONE model whose model.yaml is
// large, by size and by shape. Prints figures, asserts nothing; every BentoML run is bounded.
// Run: node bench/model-yaml-size-bench.ts [--sizes 64k,256k,1m,4m,16m] [--shapes string,escaped,keys,list,nested]
//                                          [--timeout 120] [--only list,get,py]
// It decided MAX_MODEL_YAML_BYTES (src-main/store/yaml/model-yaml-limits.ts); figures in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBentomlVenv } from '../scripts/bentoml-venv.mjs';
import type { Metadata } from '../src-main/shared/model-types.ts';
import { newModelInfo, parseModelYaml } from '../src-main/store/yaml/model-yaml.ts';
import { serializeModelYaml } from '../src-main/store/yaml/model-yaml-write.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '64k,256k,1m,4m,16m' },
    shapes: { type: 'string', default: 'string,escaped,keys,list,nested' },
    timeout: { type: 'string', default: '120' },
    only: { type: 'string', default: 'list,get,py' },
  },
});
const parseSize = (s: string): number => {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as '' | 'k' | 'm' | 'g']);
};
const SIZES = (args.sizes ?? '').split(',').map(parseSize);
const SHAPES = (args.shapes ?? '').split(',') as Shape[];
const TIMEOUT_S = Number(args.timeout);
const ONLY = new Set((args.only ?? '').split(','));

type Shape = 'string' | 'escaped' | 'keys' | 'list' | 'nested';

// Each shape is built from fixed-width pieces so the count that reaches a size is arithmetic;
// the file is written by Model Shelf's own writer, i.e. exactly what a create or an import holds.
const NESTED_DEPTH = 32;
function metadataFor(shape: Shape, count: number): Metadata {
  const id = (i: number): string => String(i).padStart(8, '0');
  switch (shape) {
    case 'string': // one long printable-ASCII string: written single-quoted on one line
      return { blob: 'x'.repeat(count) };
    case 'escaped': // one long non-ASCII string: written double-quoted, 6 bytes (\uXXXX) a character
      return { blob: '\u0142'.repeat(count) };
    case 'keys': // many flat keys, one short string each
      return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${id(i)}`, `v${id(i)}`]));
    case 'list': // one long list of short strings (class names, vocabularies)
      return { items: Array.from({ length: count }, (_, i) => `item-${id(i)}`) };
    case 'nested': { // many chains of maps NESTED_DEPTH deep
      const chain = (i: number): Metadata => {
        let node: Metadata = { leaf: `v${id(i)}` };
        for (let d = 0; d < NESTED_DEPTH; d++) node = { [`n${d}`]: node };
        return node;
      };
      return Object.fromEntries(Array.from({ length: count }, (_, i) => [`c${id(i)}`, chain(i)]));
    }
  }
}

function yamlFor(shape: Shape, target: number): string {
  const render = (count: number): string =>
    serializeModelYaml(newModelInfo({ name: 'big', version: 'v1', metadata: metadataFor(shape, count), creationTime: '2025-01-01T00:00:00.000000+00:00' }));
  // Bytes per unit from two small samples, then one render at the computed count.
  const a = Buffer.byteLength(render(10));
  const b = Buffer.byteLength(render(20));
  const per = (b - a) / 10;
  return render(Math.max(1, Math.round(10 + (target - a) / per)));
}

function writeHome(root: string, label: string, yaml: string): string {
  const home = path.join(root, label);
  const dir = path.join(home, 'models', 'big', 'v1');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.yaml'), yaml);
  writeFileSync(path.join(dir, 'weights.bin'), Buffer.alloc(1024));
  writeFileSync(path.join(home, 'models', 'big', 'latest'), 'v1');
  return home;
}

const venv = await ensureBentomlVenv();
const envFor = (home: string): NodeJS.ProcessEnv => ({ ...process.env, BENTOML_HOME: home, BENTOML_DO_NOT_TRACK: 'true', TZ: 'UTC', COLUMNS: '10000' });

/** Wall seconds of one run, or null when it hit the timeout. */
function timed(cmd: string, argv: string[], home: string): { s: number | null; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { env: envFor(home), timeout: TIMEOUT_S * 1000, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 1 << 30 });
  const s = (performance.now() - t) / 1000;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { s: null, stdout: '' };
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return { s, stdout: r.stdout };
}

// In one Python process: the import (paid once per command) apart from bentoml.models.list(),
// which is what every listing pays for each model.yaml.
// The warm-up lists a name that is not there, which loads BentoML's store machinery but no model.
const PY = [
  'import json,time',
  't0=time.perf_counter()',
  'import bentoml, bentoml._internal.models.model',
  'try: bentoml.models.list("warm-up-no-such-name")',
  'except Exception: pass',
  't1=time.perf_counter(); c1=time.process_time()',
  'ms=bentoml.models.list()',
  't2=time.perf_counter(); c2=time.process_time()',
  'print(json.dumps({"import":t1-t0,"list":t2-t1,"cpu":c2-c1,"n":len(ms)}))',
].join('\n');
function pyList(home: string): { list: number; cpu: number; import: number } | null {
  const r = timed(venv.python, ['-c', PY], home);
  if (r.s === null) return null;
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { import: number; list: number; cpu: number; n: number };
  if (out.n !== 1) throw new Error(`bentoml.models.list() saw ${out.n} models`);
  return out;
}

const fmt = (s: number | null | undefined): string => (s === undefined ? '-' : s === null ? `>${TIMEOUT_S}` : s.toFixed(2));
const mib = (n: number): string => (n >= 1000 * 1024 ? `${(n / 2 ** 20).toFixed(Math.abs(n / 2 ** 20 - Math.round(n / 2 ** 20)) < 0.01 ? 0 : 1)} MiB` : `${Math.round(n / 1024)} KiB`);

const root = mkdtempSync(path.join(os.tmpdir(), 'shelf-yaml-size-'));
console.log(`BentoML ${venv.bentomlVersion}, Python ${venv.pythonVersion}; node ${process.version}; ${os.cpus().length} cores; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; timeout ${TIMEOUT_S} s per run`);
try {
  const base = writeHome(root, 'base', yamlFor('keys', 0));
  const baseList = ONLY.has('list') ? timed(venv.bentoml, ['models', 'list'], base).s : undefined;
  const baseGet = ONLY.has('get') ? timed(venv.bentoml, ['models', 'get', 'big:v1'], base).s : undefined;
  const basePy = ONLY.has('py') ? pyList(base) : undefined;
  console.log(`baseline (${Buffer.byteLength(yamlFor('keys', 0))} B model.yaml): \`bentoml models list\` ${fmt(baseList)} s, \`get\` ${fmt(baseGet)} s, python import ${fmt(basePy?.import)} s + list() ${fmt(basePy?.list)} s`);
  console.log('');
  console.log('| shape | model.yaml | `bentoml models list` s | `bentoml models get` s | `bentoml.models.list()` s (in-process) | its CPU s | Model Shelf parse s |');
  console.log('|---|---|---|---|---|---|---|');
  for (const shape of SHAPES) {
    for (const size of SIZES) {
      const yaml = yamlFor(shape, size);
      const bytes = Buffer.byteLength(yaml);
      const home = writeHome(root, `${shape}-${size}`, yaml);
      const list = ONLY.has('list') ? timed(venv.bentoml, ['models', 'list'], home).s : undefined;
      const get = ONLY.has('get') ? timed(venv.bentoml, ['models', 'get', 'big:v1'], home).s : undefined;
      const py = ONLY.has('py') ? pyList(home) : undefined;
      const t = performance.now();
      // Model Shelf's own reader, for contrast (the scan no longer reads files over the cap).
      let ours: string;
      try {
        parseModelYaml(yaml);
        ours = ((performance.now() - t) / 1000).toFixed(2);
      } catch (error) {
        ours = `fails: ${error instanceof Error ? error.message : String(error)}`;
      }
      console.log(`| ${shape} | ${mib(bytes)} (${bytes} B) | ${fmt(list)} | ${fmt(get)} | ${py === undefined ? '-' : fmt(py?.list ?? null)} | ${py === undefined ? '-' : fmt(py?.cpu ?? null)} | ${ours} |`);
      rmSync(home, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(`load after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
