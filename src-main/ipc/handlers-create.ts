// Inspecting dropped paths and the create session: begin -> add (progress, cancellable) -> commit | abort.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { InspectedItem } from '../shared/ipc-contract.ts';
import { ShelfError } from '../shared/errors.ts';
import type { Labels, Metadata } from '../shared/model-types.ts';
import { isArchiveFormat, lastExtension } from '../store/archive-format.ts';
import type { CreateSession } from '../store/create-session.ts';
import { dirSize } from '../store/dir-size.ts';
import { checkDroppedPath, checkDroppedPaths } from './path-checks.ts';
import type { HandlerImpls, ServiceContext } from './service-context.ts';

type Channels = 'paths:inspect' | 'create:begin' | 'create:add' | 'create:commit' | 'create:abort';

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

export function createHandlers(ctx: ServiceContext): HandlerImpls<Channels> {
  const sessionFor = (id: string): CreateSession => {
    const session = ctx.sessions.get(id);
    if (session) return session;
    throw new ShelfError('NOT_FOUND', 'This new model was already created or cancelled. Start a new model again.');
  };
  return {
    'paths:inspect': async ({ paths }) => {
      const items: InspectedItem[] = [];
      for (const p of paths) items.push(await inspectPath(p));
      return items;
    },
    'create:begin': async (arg) => {
      const store = await ctx.openStore();
      const session = await store.begin({
        tag: arg.version === undefined ? arg.name : `${arg.name}:${arg.version}`,
        labels: arg.labels as Labels,
        metadata: arg.metadata as Metadata,
        ...(arg.module === undefined ? {} : { module: arg.module }),
        ...(arg.apiVersion === undefined ? {} : { apiVersion: arg.apiVersion }),
      });
      ctx.sessions.set(session.id, session);
      return { sessionId: session.id, tag: session.tag };
    },
    'create:add': async ({ sessionId, paths, root }) => {
      const session = sessionFor(sessionId);
      if (ctx.tasks.has(sessionId)) throw new ShelfError('BUSY', 'Files are still being copied into this model. Wait for the copy to finish or cancel it.');
      const checked = await checkDroppedPaths(paths);
      return ctx.tasks.run(
        ({ signal }) =>
          session.add(
            checked.map((item) => item.path),
            { root, mode: 'copy', signal, onProgress: (event) => ctx.push('task:progress', { ...event, id: sessionId }) },
          ),
        sessionId,
      );
    },
    'create:commit': async ({ sessionId }) => {
      const session = sessionFor(sessionId);
      if (ctx.tasks.has(sessionId)) throw new ShelfError('BUSY', 'Files are still being copied into this model. Wait for the copy to finish or cancel it.');
      const version = await session.commit({ onProgress: (event) => ctx.push('task:progress', { ...event, id: sessionId }) });
      ctx.sessions.delete(sessionId);
      await ctx.refresh([version.name]);
      return version;
    },
    'create:abort': async ({ sessionId }) => {
      const session = ctx.sessions.get(sessionId);
      if (!session) return;
      ctx.tasks.cancel(sessionId);
      ctx.sessions.delete(sessionId);
      await session.abort();
    },
  };
}
