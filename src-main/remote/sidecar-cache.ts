import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { RemoteSpec } from './remote-spec.ts';
import { parseSidecar, type Sidecar } from './sidecar.ts';

// A local copy of the sidecars a listing has read, so a repeated `remote ls` costs only its LIST:
// ListObjectsV2 gives every sidecar's ETag, and a cached sidecar is used only when its ETag is the
// one listed now. One file per remote (endpoint, bucket, prefix) in the user's cache folder, never
// in the store. A file that is unreadable, corrupt or of another format is ignored (and rewritten);
// each entry is checked against the sidecar schema again when used. Nothing secret is kept: a
// sidecar holds what anyone who can list the remote can read.

const FORMAT = 'model-shelf-sidecar-cache/1';

const fileSchema = z.object({
  format: z.literal(FORMAT),
  // sidecar key -> the ETag of the sidecar object and its JSON text (null: not a valid sidecar).
  entries: z.record(z.string(), z.object({ etag: z.string().min(1), text: z.string().nullable() })),
});

type Entries = z.infer<typeof fileSchema>['entries'];

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
  private changed = false;
  private readonly file: string;
  private readonly entries: Entries;
  private constructor(file: string, entries: Entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The cache of `remote`; empty when there is none or it cannot be read as ours. */
  static async open(remote: RemoteSpec, env?: NodeJS.ProcessEnv): Promise<SidecarCache> {
    const file = cacheFile(remote, env);
    let entries: Entries = {};
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await fsp.readFile(file, 'utf8')));
      if (parsed.success) entries = parsed.data.entries;
    } catch {
      // Missing or corrupt: start empty; the next save replaces it.
    }
    return new SidecarCache(file, entries);
  }

  /** The cached sidecar of `key` when it was read at exactly this ETag; undefined on a miss. */
  get(key: string, etag: string): { sidecar: Sidecar | null } | undefined {
    const e = Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    if (!e || etag === '' || e.etag !== etag) return undefined;
    if (e.text === null) return { sidecar: null };
    const sidecar = parseSidecar(e.text);
    return sidecar ? { sidecar } : undefined;
  }

  set(key: string, etag: string, sidecar: Sidecar | null): void {
    if (etag === '') return;
    this.entries[key] = { etag, text: sidecar === null ? null : JSON.stringify(sidecar) };
    this.changed = true;
  }

  /** Forgets sidecars under `prefix` that the listing no longer shows. */
  keepOnly(prefix: string, listed: ReadonlySet<string>): void {
    for (const key of Object.keys(this.entries)) {
      if (key.startsWith(prefix) && !listed.has(key)) {
        delete this.entries[key];
        this.changed = true;
      }
    }
  }

  /** Writes the cache when it changed (write then rename: a reader never sees half a file). A failure only costs speed. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fsp.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await fsp.writeFile(tmp, JSON.stringify({ format: FORMAT, entries: this.entries }), { mode: 0o600 });
      await fsp.rename(tmp, this.file);
      this.changed = false;
    } catch {
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
