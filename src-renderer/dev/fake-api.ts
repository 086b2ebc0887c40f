// Dev-only: the window in a plain browser (`npx vite`, then `?fake=demo|big|empty|missing|polling`)
// on the same typed fake of main that the renderer tests use (tests/mocks/fake-main.ts), set up
// with demo data and the pace of a real copy. Never in a build: main.tsx imports it behind
// import.meta.env.DEV.
import type { FileNode, ModelVersion } from '../../src-main/shared/model-types.ts';
import { FakeMain } from '../../tests/mocks/fake-main.ts';
import { defaultFiles } from '../../tests/mocks/fake-versions.ts';
import { setApi } from '../state/bridge.ts';
import { DEMO_HOME, demoVersions } from './fake-data.ts';

const GB = 1_300_000_000;

/** Files with a folder in them, so the Files tab has something to open. */
function demoFiles(v: ModelVersion, yamlText: string): FileNode[] {
  const tokenizer: FileNode = { name: 'tokenizer', kind: 'directory', size: 3000, children: [{ name: 'vocab.txt', kind: 'file', size: 2000 }, { name: 'merges.txt', kind: 'file', size: 1000 }] };
  return [...defaultFiles({ ...v, size: Math.max(0, v.size - tokenizer.size) }, yamlText), tokenizer];
}

export function installFakeApi(kind: string): void {
  const versions = demoVersions(kind);
  const main = new FakeMain({
    versions,
    home: DEMO_HOME,
    exists: kind !== 'missing',
    bentos: Object.fromEntries(versions.filter((v) => v.name === 'iris_clf').map((v) => [v.tag, ['iris_service:v3bq2']])),
    watcher: { state: kind === 'missing' ? 'missing' : kind === 'polling' ? 'polling' : 'watching', path: `${DEMO_HOME}/models` },
    latencyMs: 60,
    copySteps: 20,
    stepMs: 150,
    sizeOf: () => GB,
    newVersionId: () => Math.random().toString(36).slice(2, 18).padEnd(16, 'a'),
    filesOf: demoFiles,
  });
  setApi(main.api());
  // For poking from the devtools console: `__fakeMain.versions.pop(); __fakeMain.changed()`.
  (globalThis as { __fakeMain?: FakeMain }).__fakeMain = main;
}
