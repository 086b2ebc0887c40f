// Inspecting dropped paths, and create as one task (design §3): check the paths, stage, copy with
// progress, commit. Cancel (`task:cancel` with the window's task id) or any failure writes nothing.
import type { CreateModelArgs } from '../../shared/ipc-contract.ts';
import type { ModelVersion } from '../../shared/model-types.ts';
import { checkSourcePaths, inspectPath, type InspectedPath } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

export function createOperations(ctx: ServiceContext) {
  return {
    inspectPaths: async (paths: readonly string[]): Promise<InspectedPath[]> => {
      const items: InspectedPath[] = [];
      for (const p of paths) items.push(await inspectPath(p));
      return items;
    },
    createModel: ({ taskId, paths, root, name, version, labels, metadata, module, apiVersion, dedup }: CreateModelArgs): Promise<ModelVersion> =>
      ctx.session().tasks.run(taskId, async (task) => {
        // Every path is re-checked before anything is staged: a refused drop leaves no staging dir.
        const checked = await checkSourcePaths(paths);
        task.throwIfCancelled();
        const store = await ctx.session().openStore();
        const session = await store.begin({
          tag: version === undefined ? name : `${name}:${version}`,
          labels,
          metadata,
          ...(module === undefined ? {} : { module }),
          ...(apiVersion === undefined ? {} : { apiVersion }),
          ...(dedup === true ? { dedup } : {}),
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
          await ctx.session().refresh([created.name]);
          return created;
        } catch (error) {
          await session.abort();
          throw error;
        }
      }),
  };
}

export type CreateOperations = ReturnType<typeof createOperations>;
