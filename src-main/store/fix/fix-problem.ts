import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { FixAction, FixResult } from '../../shared/fix-types.ts';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import { recomputeLatest, updateLatestAfterRemove } from '../latest/latest-rule.ts';
import { fsError } from '../paths/fs-errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';

// The window's per-problem fixes (issue 12 defects 1 and 8). Each acts on one problem's path
// (`models/...`, as repair reports it) and does only what the person confirmed: moving keeps
// every byte (outside models/, where BentoML no longer trips over it), fixing latest is repair's
// own safe fix.

/** `models/<a>[/<b>]` -> its parts under models/; anything else is refused. */
function modelsParts(rel: string): string[] {
  const parts = rel.split('/');
  if (parts[0] !== 'models' || parts.length < 2 || parts.length > 3 || parts.slice(1).some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) {
    throw new ShelfError('INVALID_ARGUMENT', `'${rel}' is not a folder under models/; nothing was changed.`);
  }
  return parts.slice(1);
}

/** A free place under moved-aside/ for `base` (base, base-2, base-3, ...). */
async function freeTarget(dir: string, base: string): Promise<string> {
  await fsp.mkdir(dir, { recursive: true });
  for (let n = 1; ; n += 1) {
    const target = path.join(dir, n === 1 ? base : `${base}-${n}`);
    const taken = await fsp.lstat(target).then(() => true, () => false);
    if (!taken) return target;
  }
}

export function movedAsideDir(paths: StorePaths): string {
  return path.join(paths.private, 'moved-aside');
}

async function moveAside(paths: StorePaths, rel: string): Promise<FixResult> {
  const parts = modelsParts(rel);
  const source = path.join(paths.models, ...parts);
  const stat = await fsp.lstat(source).catch(() => null);
  if (stat === null || !stat.isDirectory()) throw new ShelfError('NOT_FOUND', `${rel} is no longer there; nothing was moved.`);
  const move = async (): Promise<FixResult> => {
    const target = await freeTarget(movedAsideDir(paths), parts.join('__'));
    try {
      await fsp.rename(source, target);
    } catch (error) {
      throw fsError(error, source, 'move', paths.home);
    }
    // A version left its name: latest follows BentoML's delete rule (gone with the last version).
    if (parts.length === 2) await updateLatestAfterRemove(path.join(paths.models, parts[0]!));
    return { done: `Moved ${rel} to ${path.relative(paths.home, target)}; nothing was deleted.`, movedTo: target };
  };
  // A version of a valid name moves under the name's lock, like every other change of that name.
  return parts.length === 2 && isValidTagComponent(parts[0]!) ? withNameLock(paths, parts[0]!, move) : move();
}

async function fixLatest(paths: StorePaths, rel: string): Promise<FixResult> {
  const parts = modelsParts(rel);
  const name = parts[0]!;
  const said = await withNameLock(paths, name, () => recomputeLatest(path.join(paths.models, name)));
  return { done: said === null ? `${name}/latest was already right; nothing was changed.` : `${said}.` };
}

export async function fixProblem(paths: StorePaths, rel: string, action: FixAction): Promise<FixResult> {
  // A latest problem names models/<name>/latest: the name is what matters.
  if (action === 'fix-latest') return fixLatest(paths, rel.replace(/\/latest$/, ''));
  return moveAside(paths, rel);
}
