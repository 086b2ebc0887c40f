// Builds BentoML-shaped model stores on disk for benchmarks and tests (format spec §2, §3.6).
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeVersionId } from '../src-main/store/create/version-id.ts';

export interface VersionSpec {
  /** Raw model.yaml text; when absent a BentoML-style file (§3.6 A) is written. */
  readonly yaml?: string | null;
  readonly creationTime?: string;
  readonly labels?: Record<string, string>;
  /** Extra files: relative path -> bytes or size. */
  readonly files?: Record<string, string | number>;
}

/** model.yaml the way `bentoml.models.create` writes it with simple labels and metadata. */
export function bentomlStyleYaml(name: string, version: string, creationTime: string, labels: Record<string, string> = {}): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `  ${k}: ${v}`);
  return [
    `name: ${name}`,
    `version: ${version}`,
    "module: ''",
    ...(labelLines.length > 0 ? ['labels:', ...labelLines] : ['labels: {}']),
    'options: {}',
    'metadata:',
    '  accuracy: 0.9667',
    '  dataset: iris',
    '  n_estimators: 100',
    '  feature_names:',
    '  - sepal_length',
    '  - sepal_width',
    '  - petal_length',
    '  - petal_width',
    '  params:',
    '    max_depth: 4',
    '    criterion: gini',
    'context:',
    "  framework_name: ''",
    '  framework_versions: {}',
    '  bentoml_version: 1.4.38',
    '  python_version: 3.11.7',
    'signatures: {}',
    'api_version: v1',
    `creation_time: '${creationTime}'`,
    '',
  ].join('\n');
}

/** Writes models/<name>/<version>/ (model.yaml unless `yaml: null`, plus files). Returns its path. */
export async function writeVersion(home: string, name: string, version: string, spec: VersionSpec = {}): Promise<string> {
  const dir = path.join(home, 'models', name, version);
  await fs.mkdir(dir, { recursive: true });
  if (spec.yaml !== null) {
    const text = spec.yaml ?? bentomlStyleYaml(name, version, spec.creationTime ?? '2025-03-14T09:26:53.413218+00:00', spec.labels);
    await fs.writeFile(path.join(dir, 'model.yaml'), text);
  }
  for (const [rel, content] of Object.entries(spec.files ?? {})) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), typeof content === 'number' ? Buffer.alloc(content, 7) : content);
  }
  return dir;
}

export async function writeLatestFile(home: string, name: string, content: string): Promise<void> {
  await fs.writeFile(path.join(home, 'models', name, 'latest'), content);
}

/** A store of `names` x `versions` healthy models, each with model.yaml and one small weights file. */
export async function generateStore(home: string, opts: { names: number; versions: number; payloadBytes?: number }): Promise<number> {
  const start = Date.UTC(2025, 0, 1);
  let count = 0;
  const jobs: Promise<void>[] = [];
  const flush = async (): Promise<void> => {
    await Promise.all(jobs.splice(0));
  };
  for (let n = 0; n < opts.names; n++) {
    const name = `model_${String(n).padStart(4, '0')}`;
    let newest = '';
    let newestTime = -1;
    for (let v = 0; v < opts.versions; v++) {
      const ms = start + (n * opts.versions + v) * 1000 + ((n * 7919 + v * 104729) % 997);
      const version = makeVersionId({ unixMs: ms, subMs: (n + v) % 10000, clockSeq: (n * 31 + v) & 0x3fff, node16: 0x0342 });
      const time = new Date(ms).toISOString().replace('Z', '000+00:00');
      if (ms > newestTime) [newest, newestTime] = [version, ms];
      jobs.push(writeVersion(home, name, version, { creationTime: time, labels: { owner: 'ml-team', stage: v % 2 ? 'dev' : 'prod' }, files: { 'model.pkl': opts.payloadBytes ?? 2048 } }).then(() => undefined));
      count++;
    }
    await flush();
    await writeLatestFile(home, name, newest);
  }
  return count;
}
