// Dev-only fake of `window.api` for previewing the window in a plain browser (`npx vite`).
// Not used by builds or by tests of behaviour.
import { perChannel, PUSH_CHANNELS, type InspectedItem, type PushChannel, type PushMap, type ShelfApi, type TaskId } from '../../src-main/shared/ipc-contract.ts';
import type { ModelVersion, TrashEntry } from '../../src-main/shared/model-types.ts';
import type { ErrorInfo } from '../../src-main/shared/errors.ts';
import type { Result } from '../../src-main/shared/result.ts';
import { demoVersions, makeVersion, snapshotOf } from './fake-data.ts';

const ok = <T>(value: T): Promise<Result<T>> => new Promise((r) => setTimeout(() => r({ ok: true, value }), 60));
const failed = (error: ErrorInfo): Promise<Result<never>> => Promise.resolve({ ok: false, error });
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function installFakeApi(kind: string): void {
  let versions = demoVersions(kind);
  let exists = kind !== 'missing';
  let revision = 1;
  let trash: TrashEntry[] = [];
  const listeners = new Map<PushChannel, Set<(p: never) => void>>();
  const push = <P extends PushChannel>(ch: P, payload: PushMap[P]): void => {
    for (const l of listeners.get(ch) ?? []) (l as (p: PushMap[P]) => void)(payload);
  };
  const snap = () => snapshotOf(exists ? kind : 'missing', versions, revision, trash.reduce((s, e) => s + e.size, 0));
  const changed = (): void => {
    revision += 1;
    push('store:changed', snap());
  };
  const cancelled = new Set<TaskId>();

  // Typed by the contract: a channel missing here, or one the contract does not know, fails to compile.
  const request = {
    'app:ready': () => {
      setTimeout(() => push('watcher:status', { state: kind === 'missing' ? 'missing' : kind === 'polling' ? 'polling' : 'watching', path: '/home/ana/bentoml/models' }), 100);
      return ok({ version: '0.1.0', platform: 'linux' });
    },
    'store:snapshot': () => ok(snap()),
    'store:open': () => ok(null),
    'store:create-folder': () => {
      exists = true;
      return ok(snap());
    },
    'store:repair': () => ok({ problems: snap().problems, fixed: [] }),
    'model:get': (arg) => {
      const v = versions.find((x) => x.tag === arg.tag);
      if (!v) return failed({ code: 'NOT_FOUND', message: `Model '${arg.tag}' was not found.` });
      const yamlText = `name: ${v.name}\nversion: ${v.version}\nmodule: ${v.module}\nlabels:\n${Object.entries(v.labels).map(([k, x]) => `  ${k}: ${x}\n`).join('')}options: {}\nmetadata: {}\ncontext:\n  framework_name: ''\n  framework_versions: {}\n  bentoml_version: 1.4.38\n  python_version: 3.11.7\nsignatures: {}\napi_version: ${v.apiVersion}\ncreation_time: '${v.creationTime}'\n`;
      return ok({ version: v, yamlText, usedBy: v.name === 'iris_clf' ? ['iris_service:v3bq2'] : [], files: [
        { name: 'model.yaml', kind: 'file', size: yamlText.length },
        { name: 'saved_model.pkl', kind: 'file', size: Math.max(0, v.size - 4096) },
        { name: 'tokenizer', kind: 'directory', size: 3000, children: [{ name: 'vocab.txt', kind: 'file', size: 2000 }, { name: 'merges.txt', kind: 'file', size: 1000 }] },
      ] });
    },
    'model:reveal': () => ok(undefined),
    'model:usage': (arg) => ok(Object.fromEntries(arg.tags.map((t) => [t, t.startsWith('iris_clf:') ? ['iris_service:v3bq2'] : []]))),
    'paths:inspect': (arg) =>
      ok(arg.paths.map((p): InspectedItem => ({ path: p, name: p.split('/').pop() ?? p, kind: p.includes('.') ? 'file' : 'directory', size: 1_300_000_000, hasModelYaml: false, isArchive: p.endsWith('.bentomodel') }))),
    'models:create': async (arg) => {
      if (arg.name === 'taken') return failed({ code: 'ALREADY_EXISTS', message: "Model 'taken:v1' already exists in /home/ana/bentoml/models. Choose another version or delete the existing one first." });
      const version = arg.version ?? Math.random().toString(36).slice(2, 18).padEnd(16, 'a');
      const total = 1_300_000_000;
      for (let done = 0; done <= total; done += 65_000_000) {
        if (cancelled.has(arg.taskId)) return failed({ code: 'ABORTED', message: 'Cancelled.' });
        push('task:progress', { taskId: arg.taskId, phase: 'copying', bytesDone: done, bytesTotal: total, current: 'model.safetensors' });
        await wait(150);
      }
      versions = versions.map((v) => (v.name === arg.name ? { ...v, latest: false } : v));
      const v = makeVersion(arg.name, version, Date.now(), total, { latest: true });
      versions = [v, ...versions];
      changed();
      return { ok: true, value: v };
    },
    'models:delete': (arg) => {
      const gone = versions.filter((v) => arg.tags.includes(v.tag));
      versions = versions.filter((v) => !arg.tags.includes(v.tag));
      const entries = gone.map((v): TrashEntry => ({ id: `t-${v.tag}`, tag: v.tag, name: v.name, version: v.version, size: v.size, deletedAt: new Date().toISOString() }));
      trash = [...trash, ...entries];
      (globalThis as { __fakeGone?: ModelVersion[] }).__fakeGone = [...((globalThis as { __fakeGone?: ModelVersion[] }).__fakeGone ?? []), ...gone];
      changed();
      return ok(entries);
    },
    'trash:list': () => ok(trash),
    'trash:restore': (arg) => {
      const gone = (globalThis as { __fakeGone?: ModelVersion[] }).__fakeGone ?? [];
      const back = gone.filter((v) => arg.ids.includes(`t-${v.tag}`));
      trash = trash.filter((e) => !arg.ids.includes(e.id));
      versions = [...versions, ...back].sort((a, b) => b.creationTimeMs - a.creationTimeMs);
      changed();
      return ok(back);
    },
    'trash:empty': () => {
      const freed = trash.reduce((s, e) => s + e.size, 0);
      trash = [];
      changed();
      return ok({ freed });
    },
    'models:export': (arg) => ok({ path: `/home/ana/Downloads/${arg.tag.replace(':', '-')}.bentomodel` }),
    'models:import': (arg) => (arg.paths ? failed({ code: 'ALREADY_EXISTS', message: "Model 'iris_clf:abc' is already in this store. Delete it first to import it again." }) : ok([])),
    'task:cancel': (arg) => {
      cancelled.add(arg.taskId);
      return ok(undefined);
    },
  } satisfies ShelfApi['request'];
  const subscribe = perChannel(PUSH_CHANNELS, (ch) => (l: (p: never) => void) => {
    const set = listeners.get(ch) ?? new Set();
    set.add(l);
    listeners.set(ch, set);
    return () => void set.delete(l);
  }) satisfies ShelfApi['subscribe'];
  const api: ShelfApi = { request, subscribe, pathForFile: (f: File) => `/home/ana/Downloads/${f.name}` };
  (globalThis as { api?: ShelfApi }).api = api;
  (globalThis as { __fakePush?: typeof push }).__fakePush = push;
}
