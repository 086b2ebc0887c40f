import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StorePaths } from '../paths/home.ts';
import { manifestsDir, type ManifestEntry } from '../integrity/manifest-file.ts';
import { newLinker, replaceWithLink } from './link-replace.ts';
import { sameBytes } from './same-bytes.ts';
import { workMeter } from '../paths/work-count.ts';
import { regularFileText } from '../read/regular-file.ts';

const flushes = workMeter('create-flush');

// create/import --dedup: a staged file identical to a file already in the store becomes a link
// to it before the version is published, so a fine-tune costs only what changed. Candidates come
// from the manifests (size and SHA-256 of every stored file), and each is compared byte by byte
// before it is linked: a manifest can be older than a file changed behind Model Shelf's back.
// The new file is copied first and linked after (the copy path is the system `cp` or a reflink),
// so while the create runs it needs the space of a full copy; once committed, only what changed.

// A manifest is ~100 bytes a file: this is millions of files, and V8's longest string is 512 MiB.
const MANIFEST_TEXT_LIMIT = 256 * 1024 * 1024;

interface Candidate {
  readonly abs: string;
}

async function candidates(paths: StorePaths, wanted: ReadonlySet<string>): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  const root = manifestsDir(paths);
  for (const name of await fsp.readdir(root).catch(() => [] as string[])) {
    for (const file of await fsp.readdir(path.join(root, name)).catch(() => [] as string[])) {
      if (!file.endsWith('.json')) continue;
      const version = file.slice(0, -'.json'.length);
      let entries: ManifestEntry[];
      try {
        // Not waited on when a pipe was put in the manifest's place (regular-file.ts).
        const text = await regularFileText(path.join(root, name, file), MANIFEST_TEXT_LIMIT);
        if (text === null) continue;
        entries = (JSON.parse(text) as { files?: ManifestEntry[] }).files ?? [];
      } catch {
        continue;
      }
      for (const e of entries) {
        const key = `${e.size}:${e.sha256 ?? ''}`;
        if (!wanted.has(key)) continue;
        out.set(key, [...(out.get(key) ?? []), { abs: path.join(paths.models, name, version, ...e.path.split('/')) }]);
      }
    }
  }
  return out;
}

async function fsyncDir(dir: string): Promise<void> {
  flushes.step();
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces staged files by links to identical stored ones; returns how many and their bytes. */
export async function linkStagedDuplicates(paths: StorePaths, stagingDir: string, staged: readonly ManifestEntry[], env: NodeJS.ProcessEnv = process.env): Promise<{ files: number; bytes: number }> {
  const linkable = staged.filter((e) => e.sha256 !== undefined && e.size > 0 && e.path !== 'model.yaml');
  const found = await candidates(paths, new Set(linkable.map((e) => `${e.size}:${e.sha256 ?? ''}`)));
  const linker = newLinker(env);
  const touched = new Set<string>();
  let files = 0;
  let bytes = 0;
  for (const e of linkable) {
    const target = path.join(stagingDir, ...e.path.split('/'));
    const mine = await fsp.lstat(target);
    for (const c of found.get(`${e.size}:${e.sha256 ?? ''}`) ?? []) {
      const theirs = await fsp.lstat(c.abs).catch(() => null);
      // A hard link shares the mode too: only a twin with the same permissions is used.
      if (theirs === null || !theirs.isFile() || theirs.size !== e.size || (theirs.mode & 0o7777) !== (mine.mode & 0o7777)) continue;
      if (!(await sameBytes(target, c.abs))) continue;
      try {
        await replaceWithLink(paths, linker, c.abs, target, theirs.ino);
      } catch {
        continue;
      }
      files += 1;
      bytes += e.size;
      touched.add(path.dirname(target));
      break;
    }
  }
  // The staged tree was flushed before linking (commit-version.ts); these renames replaced some of
  // its entries, so their folders are flushed again before the one rename that publishes the
  // version: otherwise a filesystem without ext4's ordered journal could publish a folder whose
  // entries are not on disk yet.
  for (const dir of touched) await fsyncDir(dir);
  return { files, bytes };
}
