// A real ShelfService on iris:v1..v3 that records what it logs and the export folder it is given
// (the edit/undo/relabel/export review tests share it).
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createShelfService } from '../../src-main/service/index.ts';
import type { RequestArg, RequestChannel, RequestValue } from '../../src-main/shared/ipc-contract.ts';
import type { ErrorInfo } from '../../src-main/shared/errors.ts';
import { seedVersion } from './watcher-helpers.ts';

export interface ReviewRig {
  readonly root: string;
  readonly home: string;
  readonly models: string;
  /** What the service wrote to its log (message and whether a stack came with it). */
  readonly logged: { message: string; withError: boolean }[];
  readonly folders: (string | null)[];
  call<C extends RequestChannel>(channel: C, arg?: RequestArg<C>): Promise<RequestValue<C>>;
  refused<C extends RequestChannel>(channel: C, arg?: RequestArg<C>): Promise<ErrorInfo>;
  yaml(version: string): Promise<string>;
}

export async function reviewRig(): Promise<ReviewRig> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'shelf-edit-review-'));
  onTestFinished(() => fsp.rm(root, { recursive: true, force: true }));
  const home = path.join(root, 'home');
  const models = path.join(home, 'models');
  for (const [i, v] of ['v1', 'v2', 'v3'].entries()) await seedVersion(models, 'iris', v, new Date(Date.UTC(2025, 0, 1, 0, 0, i)));
  const logged: ReviewRig['logged'] = [];
  const folders: (string | null)[] = [];
  const service = await createShelfService({
    home,
    dialogs: {
      pickStoreFolder: () => Promise.resolve(null),
      pickImportFiles: () => Promise.resolve([]),
      pickExportPath: () => Promise.resolve(null),
      pickExportFolder: () => Promise.resolve(folders.shift() ?? null),
    },
    shell: { reveal: () => undefined },
    settings: { get: () => Promise.resolve({}), set: () => Promise.resolve() },
    push: () => undefined,
    appVersion: '0.1.0-test',
    polling: false,
    log: (message: string, error?: unknown) => void logged.push({ message, withError: error !== undefined }),
  });
  onTestFinished(() => service.close());
  await service.watching;
  await service.handlers['app:ready'](undefined);
  return {
    root,
    home,
    models,
    logged,
    folders,
    async call(channel, arg) {
      const result = await service.handlers[channel](arg);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async refused(channel, arg) {
      const result = await service.handlers[channel](arg);
      if (result.ok) throw new Error(`${channel} was expected to be refused`);
      return result.error;
    },
    yaml: (version) => fsp.readFile(path.join(models, 'iris', version, 'model.yaml'), 'utf8'),
  };
}
