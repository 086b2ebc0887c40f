import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { xz } from '@napi-rs/lzma';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import type { StorePaths } from '../../src-main/store/paths/home.ts';
import { importModel } from '../../src-main/store/import/import-model.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { modelsSnapshot, stagingLeftovers, tempHome } from './archive-fixtures.ts';
import { tarBuffer } from './hostile-tar.ts';

// An archive cut short inside a member (a header promising 50 MB, 512 bytes behind it) used to
// leave the import waiting forever: the CLI ended with Node's "unsettled top-level await" (exit
// 13) and a staging folder was left behind. It must end with the damaged-archive sentence.

let paths: StorePaths;
beforeEach(async () => {
  paths = await tempHome();
});
afterEach(async () => {
  await fsp.rm(paths.home, { recursive: true, force: true });
});

/** A tar of model.yaml, then a member whose header claims 50,000,000 bytes with only 512 after it. */
async function truncatedTar(): Promise<Buffer> {
  const full = await tarBuffer([{ name: 'model.yaml', content: serializeModelYaml(newModelInfo({ name: 'cut', version: 'v1' })) }, { name: 'weights.bin', content: 'w' }]);
  const at = full.indexOf(Buffer.from('weights.bin\0'));
  const header = Buffer.from(full.subarray(at, at + 512));
  header.write(`${(50_000_000).toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  header.fill(' ', 148, 156);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return Buffer.concat([full.subarray(0, at), header, Buffer.alloc(512, 0x77)]);
}

describe('an archive truncated inside a member', () => {
  for (const [name, make] of [
    ['cut.tar', (t: Buffer) => Promise.resolve(t)],
    ['cut.bentomodel', (t: Buffer) => xz.compress(t)],
  ] as const) {
    it(`${name}: refused with a sentence, nothing added`, { timeout: 60_000 }, async () => {
      const file = path.join(paths.home, name);
      await fsp.writeFile(file, await make(await truncatedTar()));
      const err = await importModel(paths, file).then(() => null, (e: unknown) => e);
      expect(isShelfError(err), String(err)).toBe(true);
      expect((err as { code: string }).code).toBe('BAD_ARCHIVE');
      expect((err as Error).message).toMatch(new RegExp(`^'${name.replace('.', '\\.')}' is damaged or truncated \\(.*\\); nothing was imported\\. Export the model again\\.$`));
      expect(await modelsSnapshot(paths)).toEqual([]);
      expect(await stagingLeftovers(paths)).toEqual([]);
    });
  }
});
