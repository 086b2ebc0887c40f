import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ModelStore } from '../../src-main/store/index.ts';

// A store with duplicates across versions, made through Model Shelf's own create (so every
// version has its manifest): `base.bin` is the same 256 KiB in m:v1, m:v2 and n:v1, `head.bin`
// differs between m:v1 and m:v2 but has the same size (hashed, never linked), `solo.bin` has a
// size no other file has (never hashed).

export const BASE = randomBytes(256 * 1024);
export const HEAD_1 = randomBytes(4096);
export const HEAD_2 = randomBytes(4096);
export const SOLO = randomBytes(777);

export async function createFrom(store: ModelStore, src: string, tag: string, files: Record<string, Buffer | string>): Promise<string> {
  const dir = path.join(src, tag.replace(':', '_'));
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fsp.writeFile(path.join(dir, rel), content);
  }
  const session = await store.begin({ tag });
  await session.add([dir], { root: true });
  return (await session.commit()).path;
}

export async function duplicateStore(store: ModelStore, src: string): Promise<{ m1: string; m2: string; n1: string }> {
  const m1 = await createFrom(store, src, 'm:v1', { 'base.bin': BASE, 'head.bin': HEAD_1 });
  const m2 = await createFrom(store, src, 'm:v2', { 'base.bin': BASE, 'head.bin': HEAD_2, 'solo.bin': SOLO });
  const n1 = await createFrom(store, src, 'n:v1', { 'weights/base.bin': BASE });
  return { m1, m2, n1 };
}

export async function inode(file: string): Promise<number> {
  return (await fsp.stat(file)).ino;
}
