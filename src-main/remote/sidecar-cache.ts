import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { RemoteSpec } from './remote-spec.ts';
import { parseSidecar, type Sidecar, type SidecarRead } from './sidecar.ts';

// A local copy of the sidecars a listing has read, so a repeated `remote ls` costs only its LIST:
// ListObjectsV2 gives every sidecar's ETag, and a cached sidecar is used only when its ETag is the
// one listed now. One file per remote (endpoint, bucket, prefix) in the user's cache folder, never
// in the store. A file that is unreadable, corrupt or of another format is ignored (and rewritten);
// each entry is checked against the sidecar schema again when used. Nothing secret is kept: a
// sidecar holds what anyone who can list the remote can read. A push records the sidecar it wrote
// too, under the ETag the server answered the PUT with, so a listing right after it reads none.

// 2: a record a newer Model Shelf wrote (an unknown `hashedFrom`) is now read; /1 files had it as
// "not a valid sidecar", which now blocks a pull, so they are dropped once and read again.
const FORMAT = 'model-shelf-sidecar-cache/2';

const fileSchema = z.object({
  format: z.literal(FORMAT),
  // sidecar key -> the ETag of the sidecar object and its JSON text (null: not a valid sidecar;
  // `newer`: the format of a record a newer Model Shelf wrote, kept unread).
  entries: z.record(z.string(), z.object({ etag: z.string().min(1), text: z.string().nullable(), newer: z.string().optional() })),
});

type Entries = z.infer<typeof fileSchema>['entries'];
type Entry = Entries[string];

// Saves of one file in this process take turns, and each merges only its own changes into the
// file as it is then: a push recording its sidecar while the window lists the same remote keeps
// both. Two processes at once may still lose one's entries; that only costs a GET later.
const turns = new Map<string, Promise<void>>();

async function readEntries(file: string): Promise<Entries> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await fsp.readFile(file, 'utf8')));
    if (parsed.success) return parsed.data.entries;
  } catch {
    // Missing or corrupt: start empty; the next save replaces it.
  }
  return {};
}

/** The user's cache folder for Model Shelf (XDG on Linux). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MODEL_SHELF_CACHE_DIR) return path.resolve(env.MODEL_SHELF_CACHE_DIR);
  const home = env.HOME ?? os.homedir();
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || path.join(home, '.cache');
  return path.join(base, 'model-shelf');
}

function cacheFile(remote: RemoteSpec, env: NodeJS.ProcessEnv | undefined): string {
  // The endpoint too: two servers may each have a bucket of this name.
  const id = createHash('sha256').update(`${remote.endpoint ?? 'aws'}\n${remote.region ?? ''}\n${remote.bucket}\n${remote.prefix}`).digest('hex').slice(0, 32);
  return path.join(cacheDir(env), 'remote-sidecars', `${id}.json`);
}

export class SidecarCache {
  private readonly file: string;
  private readonly entries: Entries;
  /** What this copy changed since it was read: entries set, and entries dropped (with the ETag they had). */
  private readonly sets = new Map<string, Entry>();
  private readonly drops = new Map<string, string>();
  private constructor(file: string, entries: Entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The cache of `remote`; empty when there is none or it cannot be read as ours. */
  static async open(remote: RemoteSpec, env?: NodeJS.ProcessEnv): Promise<SidecarCache> {
    const file = cacheFile(remote, env);
    return new SidecarCache(file, await readEntries(file));
  }

  /**
   * Records a sidecar this process has just written, at the ETag the server answered its PUT
   * with. Without that ETag nothing is recorded: an entry under a guessed ETag could never be
   * used anyway, since a listing uses only what it lists. A failure only costs speed.
   */
  static async remember(remote: RemoteSpec, key: string, etag: string | null, sidecar: Sidecar, env?: NodeJS.ProcessEnv): Promise<void> {
    if (etag === null || etag === '') return;
    const cache = new SidecarCache(cacheFile(remote, env), {});
    cache.set(key, etag, sidecar);
    await cache.save();
  }

  /** The cached sidecar of `key` when it was read at exactly this ETag; undefined on a miss. */
  get(key: string, etag: string): SidecarRead | undefined {
    const e = Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    if (!e || etag === '' || e.etag !== etag) return undefined;
    if (e.text === null) return { sidecar: null, newerFormat: e.newer ?? null };
    const sidecar = parseSidecar(e.text);
    return sidecar ? { sidecar, newerFormat: null } : undefined;
  }

  set(key: string, etag: string, sidecar: Sidecar | null, newerFormat: string | null = null): void {
    if (etag === '') return;
    const entry = { etag, text: sidecar === null ? null : JSON.stringify(sidecar), ...(sidecar === null && newerFormat !== null ? { newer: newerFormat } : {}) };
    this.entries[key] = entry;
    this.sets.set(key, entry);
    this.drops.delete(key);
  }

  /** Forgets sidecars under `prefix` that the listing no longer shows. */
  keepOnly(prefix: string, listed: ReadonlySet<string>): void {
    for (const key of Object.keys(this.entries)) {
      if (key.startsWith(prefix) && !listed.has(key)) {
        this.drops.set(key, this.entries[key]?.etag ?? '');
        this.sets.delete(key);
        delete this.entries[key];
      }
    }
  }

  /**
   * Writes this copy's changes into the file as it is now, when there are any (write then rename:
   * a reader never sees half a file). An entry is dropped only if it still has the ETag this copy
   * saw, so a sidecar recorded meanwhile stays. A failure only costs speed.
   */
  async save(): Promise<void> {
    if (this.sets.size === 0 && this.drops.size === 0) return;
    const sets = new Map(this.sets);
    const drops = new Map(this.drops);
    this.sets.clear();
    this.drops.clear();
    const previous = turns.get(this.file) ?? Promise.resolve();
    const turn = previous.then(() => this.write(sets, drops));
    turns.set(this.file, turn);
    try {
      await turn;
    } finally {
      if (turns.get(this.file) === turn) turns.delete(this.file);
    }
  }

  private async write(sets: ReadonlyMap<string, Entry>, drops: ReadonlyMap<string, string>): Promise<void> {
    const entries = await readEntries(this.file);
    for (const [key, etag] of drops) if (Object.hasOwn(entries, key) && entries[key]?.etag === etag) delete entries[key];
    for (const [key, entry] of sets) entries[key] = entry;
    const tmp = `${this.file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fsp.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await fsp.writeFile(tmp, JSON.stringify({ format: FORMAT, entries }), { mode: 0o600 });
      await fsp.rename(tmp, this.file);
    } catch {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
