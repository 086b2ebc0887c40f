// Stores for the label/metadata edit tests: model.yaml files as BentoML writes them (format spec
// §3.6 C, plus a key BentoML does not know and a comment), the CLI as a child process, and a
// snapshot of the home precise enough to prove that a refused edit changed nothing.
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeChanges, treeSnapshot } from './read-only-fixtures.ts';

export const MAIN = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));

/** Example C of the format spec, as BentoML 1.4.38 wrote it, with an unknown key and a comment after it. */
export const FOREIGN_YAML = `name: iris_clf
version: p3qjnmqboovfypbc
module: ''
labels:
  owner: "Zo\\xEB"
  version: '2'
  approved: 'True'
  stage: 'yes'
options: {}
metadata:
  trained_at: '2025-03-15T07:58:12+00:00'
  eval_date: 2025-03-15
  notes: Random forest trained on the UCI iris data set after removing two duplicated
    rows; 5-fold CV.
  threshold: 1e3
  confusion:
  - - 50
    - 0
  - - 2
    - 48
  dims:
  - 4
  - 3
context:
  framework_name: ''
  framework_versions: {}
  bentoml_version: 1.4.38
  python_version: 3.11.7
signatures: {}
api_version: v1
creation_time: '2025-03-15T08:00:01.000096+00:00'
# written by a team tool, not by BentoML
x_team_review: {by: alice, when: 2025-03-16}
`;

/** A minimal BentoML-style model.yaml of `name:version`. */
export function plainYaml(name: string, version: string, second: number, labels: Record<string, string> = {}): string {
  const lab = Object.entries(labels);
  return [
    `name: ${name}`,
    `version: ${version}`,
    "module: ''",
    lab.length === 0 ? 'labels: {}' : ['labels:', ...lab.map(([k, v]) => `  ${k}: ${v}`)].join('\n'),
    'options: {}',
    'metadata: {}',
    'context:',
    "  framework_name: ''",
    '  framework_versions: {}',
    '  bentoml_version: 1.4.40',
    '  python_version: 3.11.7',
    'signatures: {}',
    'api_version: v1',
    `creation_time: '2025-03-14T09:26:${String(second).padStart(2, '0')}.000000+00:00'`,
    '',
  ].join('\n');
}

export interface EditHome {
  readonly root: string;
  readonly home: string;
  readonly models: string;
  dir(name: string, version: string): string;
  yaml(name: string, version: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function editHome(prefix: string): Promise<EditHome> {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), `shelf-${prefix}-`));
  const home = path.join(root, 'home');
  const models = path.join(home, 'models');
  await fsp.mkdir(models, { recursive: true });
  // The lock folder exists, as after any earlier write: a refused edit must then leave every byte as it was.
  await fsp.mkdir(path.join(home, '.model-shelf', 'locks'), { recursive: true });
  const dir = (name: string, version: string): string => path.join(models, name, version);
  return {
    root,
    home,
    models,
    dir,
    yaml: (name, version) => fsp.readFile(path.join(dir(name, version), 'model.yaml'), 'utf8'),
    cleanup: () => fsp.rm(root, { recursive: true, force: true }),
  };
}

/** Writes a version (model.yaml as given, a weights file) and, when asked, `latest`. */
export async function seedVersion(h: EditHome, name: string, version: string, yaml: string, latest = false): Promise<void> {
  const dir = h.dir(name, version);
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, 'model.yaml'), yaml);
  await fsp.writeFile(path.join(dir, 'w.bin'), `weights of ${version}`);
  if (latest) await fsp.writeFile(path.join(h.models, name, 'latest'), version);
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(home: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, BENTOML_HOME: '', TZ: 'UTC', COLUMNS: '10000' };
    execFile(process.execPath, [MAIN, '--home', home, ...args], { env, cwd: os.tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Everything under the home except the lock files (taking and releasing a lock is not a change). */
export function homeSnapshot(h: EditHome): Promise<string[]> {
  return treeSnapshot(h.home, ['.model-shelf/locks']);
}

export { treeChanges };
