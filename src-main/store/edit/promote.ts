import { isShelfError, ShelfError } from '../../shared/errors.ts';
import type { StorePaths } from '../paths/home.ts';
import { withNameLock } from '../paths/store-lock.ts';
import { resolveTag } from '../read/resolve-tag.ts';
import { scanName } from '../read/scan.ts';
import { checkEditRequest } from './edit-request.ts';
import type { EditResult, PromoteResult } from '../../shared/edit-types.ts';
import { busy, editLocked } from './edit-version.ts';

// `promote TAG --label stage=prod` (issue 11 §5), MLflow's moving alias: the value goes onto TAG
// and leaves every other version of the name that carries that same value, all under the name's
// lock, so no other Model Shelf process sees the name half-promoted. Each file is replaced
// atomically on its own (rewrite-model-yaml.ts); TAG is written first, so a crash between files
// leaves the value on TAG and perhaps still on some others, never on none: running the same
// promote again finishes it.

export type { PromoteResult };

export async function promoteLabels(paths: StorePaths, tag: string, pairs: readonly (readonly [string, string])[]): Promise<PromoteResult> {
  if (pairs.length === 0) throw new ShelfError('INVALID_ARGUMENT', 'Nothing to promote: give at least one --label KEY=VALUE.');
  checkEditRequest({ labels: { set: pairs } });
  const target = await resolveTag(paths.home, tag);
  if (target.status === 'incomplete') throw busy(target.tag);
  return withNameLock(paths, target.name, async () => {
    const edits: EditResult[] = [];
    const first = await editLocked(paths, target.name, target.version, { labels: { set: pairs } }, true);
    if (first) edits.push(first);
    const others = (await scanName(paths.home, target.name)).versions.filter((v) => v.version !== target.version && v.status === 'ok');
    for (const other of others) {
      const unset = pairs.filter(([key, value]) => other.labels[key] === value).map(([key]) => key);
      if (unset.length === 0) continue;
      try {
        const done = await editLocked(paths, other.name, other.version, { labels: { unset } }, true);
        if (done) edits.push(done);
      } catch (error) {
        const said = isShelfError(error) ? error.message : String(error);
        const moved = edits.map((e) => e.tag).join(', ');
        throw new ShelfError(isShelfError(error) ? error.code : 'IO', `${said} Promote stopped there: ${moved === '' ? 'nothing was changed' : `${moved} ${edits.length === 1 ? 'was' : 'were'} already changed`}; run it again to finish.`, { cause: error });
      }
    }
    if (edits.length === 0) {
      const what = pairs.map(([k, v]) => `${k}=${v}`).join(', ');
      throw new ShelfError('INVALID_ARGUMENT', `Nothing to change: '${target.tag}' already has ${what} and no other version of '${target.name}' does.`);
    }
    return { tag: target.tag, edits };
  });
}
