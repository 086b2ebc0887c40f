import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { isAbandoned, isDeadHere, newStamp, parseStamp, type Owner } from '../paths/owner-id.ts';
import { userStateDir } from '../paths/state-dir.ts';
import { regularFileText } from '../read/regular-file.ts';

// An export writes `.export-<owner stamp>.<file>.partial` beside its target and renames it when
// complete (export-model.ts). A kill leaves the partial behind; the next export into that folder
// removes the partials whose owner is gone (never a live export's). An export may write anywhere,
// so while it runs it also notes its partial in the user's state folder (`exports/<id>.json`:
// the store and the partial), so that `repair` of that store finds what a killed export left.
// Exporting never writes into the store (it is read-only there).

const PARTIAL_RE = /^\.(export-([A-Za-z0-9._]+-\d+-[0-9a-f]+))\..+\.partial$/;
const JOURNAL_RE = /^(export-([A-Za-z0-9._]+-\d+-[0-9a-f]+))\.json$/;
const NAME_MAX_BYTES = 255;
/** A journal note is two paths of JSON; anything far bigger is not one of ours. */
const JOURNAL_LIMIT = 1 << 20;

interface JournalEntry {
  readonly home: string;
  readonly partial: string;
}

const journalDir = (): string => path.join(userStateDir(), 'exports');
const journalFile = (id: string): string => path.join(journalDir(), `${id}.json`);

/** The partial's file name: the target's name cut so that the whole stays a valid file name. */
function partialName(id: string, basename: string): string {
  let base = basename;
  const room = NAME_MAX_BYTES - Buffer.byteLength(`.${id}..partial`);
  while (Buffer.byteLength(base) > room) base = base.slice(0, -1);
  return `.${id}.${base}.partial`;
}

/** Removes the partials in `dir` whose owner is this machine's dead process, and their notes. */
export async function reclaimDeadPartials(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    const match = PARTIAL_RE.exec(name);
    if (!match || !isDeadHere(parseStamp(match[2] ?? ''))) continue;
    const file = path.join(dir, name);
    if (!(await fsp.lstat(file).catch(() => null))?.isFile()) continue;
    await fsp.rm(file, { force: true });
    await fsp.rm(journalFile(match[1] ?? ''), { force: true });
    removed.push(file);
  }
  return removed;
}

/** Notes of dead exports whose partial is gone already (renamed, or reclaimed) are dropped. */
async function pruneNotes(): Promise<void> {
  for (const note of await readNotes()) {
    if (isDeadHere(note.owner) && note.partial === null) await fsp.rm(note.file, { force: true });
  }
}

/**
 * Starts an export's partial for `target` of the store at `home`: reclaims what killed exports
 * left in that folder, then names the partial and notes it. Housekeeping never fails the export.
 * Call `done` once the partial is renamed or removed.
 */
export async function beginPartial(home: string, target: string): Promise<{ temp: string; done: () => Promise<void> }> {
  const dir = path.dirname(target);
  await reclaimDeadPartials(dir).catch(() => undefined);
  await pruneNotes().catch(() => undefined);
  const id = `export-${newStamp()}`;
  const temp = path.join(dir, partialName(id, path.basename(target)));
  const entry: JournalEntry = { home, partial: temp };
  const noted = await fsp
    .mkdir(journalDir(), { recursive: true })
    .then(() => fsp.writeFile(journalFile(id), JSON.stringify(entry), { flag: 'wx' }))
    .then(() => true, () => false);
  const done = async (): Promise<void> => {
    if (noted) await fsp.rm(journalFile(id), { force: true }).catch(() => undefined);
  };
  return { temp, done };
}

export interface ExportNote {
  /** The note itself, in the user's state folder. */
  readonly file: string;
  readonly owner: Owner | null;
  readonly home: string | null;
  /** The partial it names, when that still is one of our partials on disk (else null). */
  readonly partial: string | null;
  readonly mtimeMs: number;
}

async function readNotes(): Promise<ExportNote[]> {
  const out: ExportNote[] = [];
  for (const name of await fsp.readdir(journalDir()).catch(() => [] as string[])) {
    const match = JOURNAL_RE.exec(name);
    if (!match) continue;
    const file = path.join(journalDir(), name);
    // Non-blocking and only as a regular file: a pipe named like a journal file would hang every export here.
    const text = await regularFileText(file, JOURNAL_LIMIT);
    const entry: Partial<JournalEntry> = (() => {
      try {
        return text === null ? {} : ((JSON.parse(text) as Partial<JournalEntry> | null) ?? {});
      } catch {
        return {};
      }
    })();
    const id = match[1] ?? '';
    // Only a file named as this very export's partial is ever removed for a note.
    const partial = typeof entry.partial === 'string' && path.isAbsolute(entry.partial) && PARTIAL_RE.exec(path.basename(entry.partial))?.[1] === id ? entry.partial : null;
    const stat = partial !== null ? await fsp.lstat(partial).catch(() => null) : null;
    const noteStat = await fsp.lstat(file).catch(() => null);
    out.push({
      file,
      owner: parseStamp(match[2] ?? ''),
      home: typeof entry.home === 'string' ? entry.home : null,
      partial: stat?.isFile() ? partial : null,
      mtimeMs: stat?.mtimeMs ?? noteStat?.mtimeMs ?? Date.now(),
    });
  }
  return out;
}

async function sameFolder(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [ra, rb] = await Promise.all([fsp.realpath(a).catch(() => null), fsp.realpath(b).catch(() => null)]);
  return ra !== null && ra === rb;
}

/** Notes of exports of the store at `home` whose owner is gone (repair's rule, owner-id.ts). */
export async function abandonedExports(home: string): Promise<ExportNote[]> {
  const now = Date.now();
  const out: ExportNote[] = [];
  for (const note of await readNotes()) {
    if (note.home === null || !isAbandoned(note.owner, note.mtimeMs, now)) continue;
    if (await sameFolder(note.home, home)) out.push(note);
  }
  return out;
}

/** Removes an abandoned export's partial (if still there) and its note. */
export async function removeAbandonedExport(note: ExportNote): Promise<void> {
  if (note.partial !== null) await fsp.rm(note.partial, { force: true });
  await fsp.rm(note.file, { force: true });
}
