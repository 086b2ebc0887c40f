// Run as a separate Node process (`node write-model-child.ts '<json>'`): writes models into a
// store with the store library, like the CLI or a training script on the same machine would.
// The argument is one spec or a list; prints the committed tags, one a line.
import { ModelStore } from '../../../src-main/store/model-store.ts';

interface Spec {
  home: string;
  tag: string;
  labels?: Record<string, string>;
  metadata?: Record<string, never>;
  paths: string[];
}

const arg = JSON.parse(process.argv[2] ?? '[]') as Spec | Spec[];
const specs = Array.isArray(arg) ? arg : [arg];
const stores = new Map<string, ModelStore>();
for (const spec of specs) {
  let store = stores.get(spec.home);
  if (!store) {
    store = await ModelStore.open({ home: spec.home });
    stores.set(spec.home, store);
  }
  const session = await store.begin({ tag: spec.tag, labels: spec.labels ?? {}, metadata: spec.metadata ?? {} });
  await session.add(spec.paths, { root: false, mode: 'copy' });
  const version = await session.commit();
  process.stdout.write(`${version.tag}\n`);
}
