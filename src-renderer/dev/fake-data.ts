// Dev-only demo data for the browser preview (never bundled into a build: main.tsx imports it
// behind import.meta.env.DEV).
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { makeVersion } from '../../tests/mocks/fake-versions.ts';

export const DEMO_HOME = '/home/ana/bentoml';
const MODELS = `${DEMO_HOME}/models`;

const NAMES = ['iris_clf', 'bert_ner', 'sentiment', 'resnet50', 'whisper-small', 'llama3-8b-instruct', 'xgb_churn', 'yolo_v8n', 'tokenizer.en', 'fraud_detector'];
const STAGES = ['prod', 'dev', 'staging'];
const OWNERS = ['ml-team', 'search', 'vision'];

function versionId(seed: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let s = '';
  let x = (seed * 0x9e3779b1) >>> 0;
  for (let i = 0; i < 16; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = (x ^ (x >>> 12) ^ (seed + i * 7919)) >>> 0;
    s += alphabet[x % 32];
  }
  return s;
}

export function demoVersions(kind: string): ModelVersion[] {
  if (kind === 'empty' || kind === 'missing') return [];
  const now = Date.now();
  const out: ModelVersion[] = [];
  const total = kind === 'big' ? 10_000 : 60;
  const names = kind === 'big' ? Array.from({ length: 400 }, (_, i) => `${NAMES[i % NAMES.length]}_${Math.floor(i / NAMES.length)}`) : NAMES;
  for (let i = 0; i < total; i++) {
    const name = names[(i * 7) % names.length]!;
    const ms = now - i * 3_600_000 * (1 + (i % 5)) - (i % 3) * 60_000;
    const size = Math.round(2 ** (12 + ((i * 13) % 22)) * (1 + (i % 7) / 10));
    out.push(
      makeVersion(name, versionId(i + 1), ms, size, {
        labels: i % 4 === 3 ? {} : { owner: OWNERS[i % 3]!, stage: STAGES[(i >> 1) % 3]! },
        metadata: i % 2 ? { accuracy: 0.9667, n_estimators: 100, dataset: 'iris', params: { max_depth: 4, criterion: 'gini' }, trained: { $date: '2025-03-14' }, big: 1152921504606846976n, features: ['sepal_length', 'sepal_width'] } : {},
      }, MODELS),
    );
  }
  const first = out.findIndex((v) => v.name === 'sentiment');
  if (first >= 0) out[first] = { ...out[first]!, status: 'broken', problem: "model.yaml has no 'labels' key, so BentoML cannot load this version.", size: 4096 };
  const writing = out.findIndex((v) => v.name === 'iris_clf');
  if (writing >= 0) out[writing] = { ...out[writing]!, status: 'incomplete', problem: 'model.yaml is not written yet; another program may still be saving this version.' };
  const seen = new Set<string>();
  return out.map((v) => {
    if (seen.has(v.name) || v.status !== 'ok') return v;
    seen.add(v.name);
    return { ...v, latest: true };
  });
}
