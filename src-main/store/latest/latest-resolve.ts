import fs from 'node:fs';
import path from 'node:path';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { parseCreationTime } from '../yaml/creation-time.ts';
import { pickLatest, type VersionTime } from './latest-pointer.ts';
import { existsSync, isDirectorySync } from '../paths/fs-probe.ts';
import { readRegularFileSync } from '../read/regular-file.ts';

// What `bentoml.models.get("<name>")` resolves `latest` to, worked out in memory, never by
// touching the store (format spec §2.2; BentoML store.py `get` and `_recreate_latest`, checked
// against real BentoML by tests/interop/list-latest.test.ts). BentoML rewrites a pointer it had to
// recompute; Model Shelf's readers (list, get, export, the window) only report it: `repair` and
// the writers fix it.

/** `models/<name>/latest` as Python's `Path.read_text()` sees it: through a symbolic link. */
export type PointerView =
  | { readonly kind: 'missing' }
  /** A read that raises OSError (permissions, a link loop, a huge file, a FIFO we will not read). */
  | { readonly kind: 'unreadable'; readonly reason: string }
  /** A folder, or a link to one: read_text() raises IsADirectoryError. */
  | { readonly kind: 'folder'; readonly link: boolean }
  /** A link to nothing; BentoML's rewrite creates `target` when its folder exists. */
  | { readonly kind: 'dangling'; readonly target: string; readonly writable: boolean }
  /** The file's text (`raw` null when it is not UTF-8: Python's decode raises, and get fails). */
  | { readonly kind: 'text'; readonly raw: string | null; readonly link: boolean };

export type LatestFailure =
  | 'empty'
  | 'not-utf8'
  | 'not-a-version'
  | 'broken-target'
  | 'folder'
  | 'link-to-nowhere'
  | 'blocked'
  | 'mixed-times'
  | 'no-version';

export type LatestResolution =
  /** The pointer names a loadable version; `exact` when it is a plain file holding just that. */
  | { readonly outcome: 'pointer'; readonly version: string; readonly exact: boolean }
  /** Missing, stale or unreadable: BentoML takes the greatest creation_time (ties: first). */
  | { readonly outcome: 'recomputed'; readonly version: string }
  /**
   * `bentoml models get <name>` fails. `version` is set only for 'broken-target' (the pointer names
   * a version that cannot be loaded); `blocker` names the entry that stops a recompute.
   */
  | { readonly outcome: 'fails'; readonly failure: LatestFailure; readonly version: string | null; readonly blocker?: string };

export interface NameDirView {
  /** Entries of `models/<name>/` that `Path.is_dir()` accepts (links to folders count), sorted. */
  readonly dirs: readonly string[];
  /** The version's creation_time when BentoML can load it, else null. */
  readonly loadable: (version: string) => VersionTime | null;
}

// A pointer is at most a 63-character version: anything this large names nothing, and BentoML's
// stat of such a path raises OSError (ENAMETOOLONG), which makes it recompute.
const MAX_POINTER_BYTES = 64 * 1024;

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException | null)?.code ?? 'error';

function decodeUtf8(bytes: Buffer): string | null {
  try {
    // ignoreBOM keeps a BOM in the text, as Python's 'utf-8' codec does (strip() keeps it too).
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads the pointer with three small synchronous calls; never writes. */
export function readPointer(nameDir: string): PointerView {
  const file = path.join(nameDir, 'latest');
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    return { kind: 'unreadable', reason: codeOf(error) };
  }
  if (!stat) return { kind: 'missing' };
  const link = stat.isSymbolicLink();
  if (link) {
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat) {
        const target = path.resolve(nameDir, fs.readlinkSync(file));
        return { kind: 'dangling', target, writable: isDirectorySync(path.dirname(target)) };
      }
    } catch (error) {
      return { kind: 'unreadable', reason: codeOf(error) };
    }
  }
  if (stat.isDirectory()) return { kind: 'folder', link };
  if (!stat.isFile()) return { kind: 'unreadable', reason: 'not a regular file' };
  if (stat.size > MAX_POINTER_BYTES) return { kind: 'unreadable', reason: 'too large' };
  try {
    // Not readFileSync: a pipe put there since the stat would freeze main until a writer came.
    const read = readRegularFileSync(file, MAX_POINTER_BYTES);
    if (read.kind === 'not-a-file') return { kind: 'unreadable', reason: 'not a regular file' };
    if (read.kind === 'too-big') return { kind: 'unreadable', reason: 'too large' };
    return { kind: 'text', raw: decodeUtf8(read.bytes), link };
  } catch (error) {
    return { kind: 'unreadable', reason: codeOf(error) };
  }
}

// Python's str.strip() (str.isspace): JavaScript's trim() also strips U+FEFF and not \x1c-\x1f, \x85.
const PY_SPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'g');

export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '');
}

/** The stripped text a readable pointer holds ('' when empty), or null. */
export function pointerContent(pointer: PointerView): string | null {
  return pointer.kind === 'text' && pointer.raw !== null ? pyStrip(pointer.raw) : null;
}


const isVersionName = (name: string): boolean => isValidTagComponent(name) && name !== 'latest';

const fails = (failure: LatestFailure, extra: { version?: string; blocker?: string } = {}): LatestResolution => ({
  outcome: 'fails',
  failure,
  version: extra.version ?? null,
  ...(extra.blocker === undefined ? {} : { blocker: extra.blocker }),
});

/**
 * `_recreate_latest`: it loads every entry `is_dir()` accepts, so one that is not a valid tag or
 * cannot be loaded makes it raise; a mix of naive and aware creation_times makes its sort raise.
 */
function recompute(view: NameDirView): LatestResolution {
  if (view.dirs.length === 0) return fails('no-version');
  const times: VersionTime[] = [];
  for (const dir of view.dirs) {
    const time = isVersionName(dir) ? view.loadable(dir) : null;
    if (time === null) return fails('blocked', { blocker: dir });
    times.push(time);
  }
  const aware = new Set(times.map((t) => parseCreationTime(t.creationTime)?.aware));
  if (aware.has(true) && aware.has(false)) return fails('mixed-times');
  const version = pickLatest(times, 'first');
  return version === null ? fails('no-version') : { outcome: 'recomputed', version };
}

/** The version the pointer itself names, when it could be followed without a recompute. */
export function pointerCandidate(nameDir: string, pointer: PointerView): string | null {
  const content = pointerContent(pointer);
  if (content === null || content === '' || !isVersionName(content)) return null;
  return isDirectorySync(path.join(nameDir, content)) ? content : null;
}

/** BentoML's `get("<name>")`, step by step (store.py get, §2.2), without its rewrite. */
export function resolveLatest(nameDir: string, pointer: PointerView, view: NameDirView): LatestResolution {
  switch (pointer.kind) {
    case 'folder':
      // read_text() raises; the recompute then lists `latest` as a version (no model.yaml) or,
      // for a link to a version, fails writing through it (IsADirectoryError).
      return fails('folder');
    case 'text': {
      if (pointer.raw === null) return fails('not-utf8');
      const content = pyStrip(pointer.raw);
      // '' makes the path `models/<name>/`, which exists: BentoML loads it and finds no model.yaml.
      if (content === '') return fails('empty');
      if (!existsSync(path.resolve(nameDir, content))) return recompute(view);
      // It exists but is a file, `latest` itself, `.`, an invalid name...: BentoML tries to load it.
      if (!isVersionName(content) || !view.dirs.includes(content)) return fails('not-a-version');
      if (view.loadable(content) === null) return fails('broken-target', { version: content });
      return { outcome: 'pointer', version: content, exact: !pointer.link && pointer.raw === content };
    }
    case 'dangling': {
      const result = recompute(view);
      // Its rewrite opens the link for writing: that fails when the target's folder is missing.
      return result.outcome === 'recomputed' && !pointer.writable ? fails('link-to-nowhere') : result;
    }
    default:
      return recompute(view);
  }
}
