// Remote shelves for the window: list/add/remove remotes, browse one, push and pull as tasks
// under the window's ids (progress, cancel). The remote layer and the AWS SDK load on first use.
import type { RemoteAddArgs, RemoteInfo, RemoteTransferResult, RemoteVersion } from '../../shared/remote-types.ts';
import type { TaskId } from '../../shared/ipc-contract.ts';
import { ModelStore } from '../../store/index.ts';
import type { ServiceContext } from './service-context.ts';

const remoteLayer = () => import('../../remote/index.ts');

export function remoteOperations(ctx: ServiceContext) {
  // Read at each call: the same file the CLI uses ($MODEL_SHELF_REMOTES_FILE, else the user config dir).
  const file = async (): Promise<string> => (await remoteLayer()).remotesFile(process.env);
  // Browsing and pushing never create models/; a pull does (through the store's import).
  const readStore = (): ModelStore => ModelStore.forHome({ home: ctx.session().home });
  return {
    listRemotes: async (): Promise<readonly RemoteInfo[]> => (await remoteLayer()).listRemotes(await file()),
    addRemote: async (args: RemoteAddArgs): Promise<RemoteInfo> => (await remoteLayer()).addRemoteChecked(await file(), args),
    removeRemote: async (name: string): Promise<void> => (await remoteLayer()).removeRemoteNamed(await file(), name),
    browseRemote: async (remote: string, model?: string): Promise<readonly RemoteVersion[]> =>
      (await remoteLayer()).browse(await file(), remote, readStore(), model === undefined ? {} : { model }),
    pushModels: (taskId: TaskId, remote: string, tags: readonly string[]): Promise<readonly RemoteTransferResult[]> =>
      ctx.session().tasks.run(taskId, async (task) => (await remoteLayer()).push(await file(), remote, readStore(), tags, { signal: task.signal, onProgress: task.onProgress, id: taskId })),
    pullModels: (taskId: TaskId, remote: string, tags: readonly string[]): Promise<readonly RemoteTransferResult[]> => {
      const session = ctx.session();
      return session.tasks.run(taskId, async (task) => {
        const pulled: RemoteTransferResult[] = [];
        try {
          const results = await (await remoteLayer()).pull(await file(), remote, await session.openStore(), tags, { signal: task.signal, onProgress: task.onProgress, id: taskId });
          pulled.push(...results);
          return results;
        } finally {
          // The watcher sees the new versions too; this makes them show without waiting for it.
          if (pulled.length > 0) await session.refresh(new Set(pulled.map((r) => r.tag.split(':')[0] ?? '')));
        }
      });
    },
  };
}

export type RemoteOperations = ReturnType<typeof remoteOperations>;
