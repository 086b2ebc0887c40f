import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import { workMeter } from '../paths/work-count.ts';

// Links in an archive become copies of their target file (archive-extract.ts). Both numbers
// below are hostile-archive guards: a 1.7 KB archive with 200 hardlinks to one 5 MB file
// unpacks to 1 GB, and thousands of chained links made the old pass-by-pass resolution quadratic.

/** More link members than any saved model has; beyond it the archive is refused. */
export const MAX_LINK_MEMBERS = 10_000;
/** Links followed for one member, like the kernel's ELOOP limit (40). */
export const MAX_LINK_CHAIN = 40;

/** Links followed: tests count them to prove resolution linear in the links (work-count.ts). */
const linkWork = workMeter('link-step');

export interface PendingLink {
  readonly member: string;
  readonly rel: string;
  readonly target: string;
}

export interface LinkCopyOptions {
  readonly signal?: AbortSignal;
  /** Counts `bytes` against the import's byte budget; throws when it is exceeded. */
  readonly charge: (bytes: number) => void;
  /** `abs` after checking it stays inside the staging folder. */
  readonly inside: (abs: string, member: string) => string;
  readonly mkdir: (dir: string, member: string) => Promise<void>;
}

function bad(message: string): ShelfError {
  return new ShelfError('BAD_ARCHIVE', message);
}

/**
 * The archive path whose FILE the link ends at, following links through the map (a later
 * link member shadows a file of the same name, like tar). A link to itself ends at the file
 * of that name. Longer chains than MAX_LINK_CHAIN, and loops, are refused.
 */
function finalTarget(link: PendingLink, byRel: ReadonlyMap<string, PendingLink>): string {
  let current = link;
  for (let count = 1; ; count++) {
    linkWork.step();
    const next = byRel.get(current.target);
    if (next === undefined || next === current) return current.target;
    if (count >= MAX_LINK_CHAIN) {
      throw bad(`The archive member '${link.member}' is a chain of more than ${MAX_LINK_CHAIN} links (or a loop of links), so the archive was refused and nothing was imported.`);
    }
    current = next;
  }
}

/** Copies each link's final target file to the link's place, after every file is written. */
export async function copyLinks(byRel: ReadonlyMap<string, PendingLink>, dest: string, opts: LinkCopyOptions): Promise<void> {
  for (const link of byRel.values()) {
    opts.signal?.throwIfAborted();
    const target = finalTarget(link, byRel);
    const from = opts.inside(path.join(dest, ...target.split('/')), link.member);
    const to = opts.inside(path.join(dest, ...link.rel.split('/')), link.member);
    const stat = await fsp.lstat(from).catch(() => null);
    if (stat?.isDirectory()) {
      throw bad(`The archive member '${link.member}' is a link to the folder '${target}'; Model Shelf imports links to files only. Re-create the archive without that link.`);
    }
    if (!stat?.isFile()) throw bad(`The archive member '${link.member}' is a link to '${link.target}', which is not in the archive. The archive is incomplete.`);
    if (from === to) continue;
    opts.charge(stat.size);
    await opts.mkdir(path.dirname(to), link.member);
    await fsp.copyFile(from, to);
  }
}
