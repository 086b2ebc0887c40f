// Inspecting dropped paths, and create as one task (design §3): check the paths, stage, copy with
// progress, commit. Cancel (`task:cancel` with the window's task id) or any failure writes nothing.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { InspectedItem } from '../shared/ipc-contract.ts';
import { dirSize, isArchiveFormat, lastExtension } from '../store/index.ts';
import { checkDroppedPath, checkDroppedPaths } from './path-checks.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

// Only a file whose last extension names an archive kind is offered as an import (§7.1).
const isArchiveName = (file: string): boolean => isArchiveFormat(lastExtension(file));

export async function inspectPath(input: string): Promise<InspectedItem> {
  const checked = await checkDroppedPath(input);
  const isDir = checked.kind === 'directory';
  return {
    path: checked.path,
    name: path.basename(checked.path),
    kind: checked.kind,
    size: isDir ? await dirSize(checked.path) : checked.stats.size,
    hasModelYaml: isDir && (await isRegularFile(path.join(checked.path, 'model.yaml'))),
    isArchive: !isDir && isArchiveName(checked.path),
  };
}

export function createHandlers(ctx: ServiceContext): HandlerImpls<'paths:inspect' | 'models:create'> {
  return {
    'paths:inspect': async ({ paths }) => {
      const items: InspectedItem[] = [];
      for (const p of paths) items.push(await inspectPath(p));
      return items;
    },
    'models:create': ({ taskId, paths, root, name, version, labels, metadata, module, apiVersion }) =>
      ctx.tasks.run(taskId, async (task) => {
        // Every path is re-checked before anything is staged: a refused drop leaves no staging dir.
        const checked = await checkDroppedPaths(paths);
        task.throwIfCancelled();
        const store = await ctx.openStore();
        const session = await store.begin({
          tag: version === undefined ? name : `${name}:${version}`,
          labels,
          metadata,
          ...(module === undefined ? {} : { module }),
          ...(apiVersion === undefined ? {} : { apiVersion }),
        });
        try {
          task.throwIfCancelled();
          await session.add(
            checked.map((item) => item.path),
            { root, mode: 'copy', signal: task.signal, onProgress: task.onProgress },
          );
          // A Cancel that lands after the copy but before the commit still writes nothing.
          task.throwIfCancelled();
          const created = await session.commit({ onProgress: task.onProgress });
          await ctx.refresh([created.name]);
          return created;
        } catch (error) {
          await session.abort();
          throw error;
        }
      }),
  };
}
