// The window's per-problem fixes (issue 12 defects 1 and 8): whether a version without model.yaml
// is being written or was interrupted, moving a folder out of models/, fixing latest, and
// revealing a problem's folder. Each asks the store (store/fix/) and refreshes the snapshot.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { FixAction, FixResult, WriterState } from '../../shared/fix-types.ts';
import { fixProblem, isArchiveFormat, lastExtension, writerState } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

export function fixOperations(ctx: ServiceContext) {
  const requireStore = async () => {
    const store = await ctx.session().existingStore();
    if (!store) throw new ShelfError('NOT_FOUND', 'This store has no models/ folder any more; nothing was changed.');
    return store;
  };
  return {
    writerStates: async (tags: readonly string[]): Promise<readonly WriterState[]> => {
      const store = await requireStore();
      const out: WriterState[] = [];
      for (const tag of tags) {
        const [name = '', version = ''] = tag.split(':');
        out.push(await writerState(store.paths, name, version));
      }
      return out;
    },
    fixProblem: async (rel: string, action: FixAction): Promise<FixResult> => {
      const store = await requireStore();
      const result = await fixProblem(store.paths, rel, action);
      await ctx.session().refresh('all');
      return result;
    },
    /**
     * Shows a folder of the store (a problem's `models/...`, or where a fix moved it) in the file
     * manager; or an archive file anywhere (what an export just wrote): only showing, never opening.
     */
    revealInStore: async (rel: string): Promise<void> => {
      if (path.isAbsolute(rel) && isArchiveFormat(lastExtension(rel)) && (await fsp.stat(rel).then((s) => s.isFile(), () => false))) {
        ctx.shell.reveal(rel);
        return;
      }
      const store = await requireStore();
      const target = path.resolve(store.paths.home, rel);
      const inside = path.relative(store.paths.home, target);
      if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) throw new ShelfError('INVALID_ARGUMENT', `'${rel}' is not inside the store; nothing was shown.`);
      ctx.shell.reveal(target);
    },
  };
}

export type FixOperations = ReturnType<typeof fixOperations>;
