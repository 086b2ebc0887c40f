import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { xz } from '@napi-rs/lzma';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { MAX_LINK_CHAIN } from '../../src-main/store/import/archive-links.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { countWork } from '../../src-main/store/paths/work-count.ts';
import { MAX_ALIAS_VALUES } from '../../src-main/store/yaml/yaml-read.ts';
import { modelsSnapshot, stagingLeftovers, tempHome } from './archive-fixtures.ts';
import { tarBuffer, type TarMember } from './hostile-tar.ts';

// Small archives that expand into huge work: link chains, link floods, YAML alias bombs.
// The work is proven bounded by counting it (work-count.ts), never by timing it.

const YAML = serializeModelYaml(newModelInfo({ name: 'evil', version: 'v1' }));

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

async function bentomodel(members: Iterable<TarMember>): Promise<string> {
  const file = path.join(paths.home, 'hostile.bentomodel');
  await fsp.writeFile(file, await xz.compress(await tarBuffer(members)));
  return file;
}

async function expectRefused(file: string, code: string, words: RegExp): Promise<void> {
  const err = await importModel(paths, file).then(() => null, (e: unknown) => e);
  expect(isShelfError(err), String(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(words);
  expect(await modelsSnapshot(paths)).toEqual([]);
  expect(await stagingLeftovers(paths)).toEqual([]);
}

function* chain(n: number): Generator<TarMember> {
  yield { name: 'model.yaml', content: YAML };
  for (let i = 0; i < n; i++) yield { name: `s${i}`, type: 'symlink', linkname: `s${i + 1}` };
  yield { name: `s${n}`, content: 'x' };
}

describe('links', () => {
  it('a chain of 3,000 or 6,000 symlinks listed before their file is refused after following 40 links', async () => {
    // The pass-by-pass resolution this replaced followed every link once per pass (3,000: 110 s).
    for (const n of [3_000, 6_000]) {
      const file = await bentomodel(chain(n));
      const run = await countWork('link-step', () => expectRefused(file, 'BAD_ARCHIVE', /'s0' is a chain of more than 40 links/));
      expect(run.error).toBeUndefined();
      expect(run.steps).toBe(MAX_LINK_CHAIN);
    }
  });

  it('a short chain is imported as copies', async () => {
    const v = await importModel(paths, await bentomodel(chain(5)));
    expect(await fsp.readFile(path.join(v.path, 's0'), 'utf8')).toBe('x');
    expect((await fsp.lstat(path.join(v.path, 's0'))).isFile()).toBe(true);
  });

  it('more than 10,000 hardlinks to one file are refused before any copy', async () => {
    function* flood(): Generator<TarMember> {
      yield { name: 'model.yaml', content: YAML };
      yield { name: 'big', content: 'b'.repeat(1000) };
      for (let i = 0; i <= 10_000; i++) yield { name: `l${i}`, type: 'link', linkname: 'big' };
    }
    await expectRefused(await bentomodel(flood()), 'BAD_ARCHIVE', /more than 10000 links/);
  });
});

describe('model.yaml', () => {
  it('a billion-laughs model.yaml (10^8 values) is refused as not valid after building at most the alias limit', async () => {
    const lines = ['  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 8; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    const text = YAML.replace('metadata: {}\n', `metadata:\n${lines.join('\n')}\n`);
    const file = await bentomodel([{ name: 'model.yaml', content: text }]);
    const run = await countWork('yaml-node', () =>
      expectRefused(
        file,
        'BAD_ARCHIVE',
        /model\.yaml inside 'hostile\.bentomodel' is not valid: model\.yaml expands to more than 100,000 values through YAML aliases; it was not loaded\./,
      ),
    );
    expect(run.error).toBeUndefined();
    // model.yaml is read once and the read stops at the limit (plus the document's own nodes).
    expect(run.steps).toBeGreaterThan(MAX_ALIAS_VALUES);
    expect(run.steps).toBeLessThan(MAX_ALIAS_VALUES + 1_000);
  });
});
