// One rule for label and metadata keys at every entry point (issue 11 leftover): `create --label`,
// `label --set`, `promote --label`, `create --metadata`, `metadata --set`, the window's create sheet
// and label editor (their row check, the IPC gate, the service), all giving the same key the same
// answer. The rule follows BentoML 1.4.40, which saves any string key and reads it back as written
// (`bentoml.models.create(labels={' a': 'b'})`, then `bentoml models get` shows ' a'; the interop
// test label-key-bentoml.test.ts proves it), so spaces around a key are kept; refused are only a key
// with no name (empty or only spaces) and one longer than Model Shelf writes, with one sentence.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestSchemas } from '../../src-main/ipc/schemas.ts';
import { keyProblem, type KeyField } from '../../src-main/shared/value-rules.ts';
import { parseModelYaml } from '../../src-main/store/yaml/model-yaml.ts';
import { checkLabels, checkMetadata } from '../../src-renderer/state/create-form.ts';
import { cli, editHome, plainYaml, seedVersion, type EditHome, type Run } from './edit-fixtures.ts';
import { startHarness, type Harness } from './service-helpers.ts';

const LONG = 'k'.repeat(1001);
const EMPTY = { labels: 'A label key cannot be empty or only spaces; enter a name for it.', metadata: 'A metadata key cannot be empty or only spaces; enter a name for it.' };
const TOO_LONG = {
  labels: `Label '${'k'.repeat(40)}...' is longer than 1000 characters, the longest key Model Shelf writes to model.yaml; use a shorter key.`,
  metadata: `Metadata key '${'k'.repeat(40)}...' is longer than 1000 characters, the longest key Model Shelf writes to model.yaml; use a shorter key.`,
};

/** Each key and the one answer every entry point gives it: null when it is kept as given. */
const KEYS: { what: string; key: string; answer: (field: KeyField) => string | null }[] = [
  { what: 'a leading space', key: ' a', answer: () => null },
  { what: 'a trailing space', key: 'stage ', answer: () => null },
  { what: 'a space inside', key: 'a b', answer: () => null },
  { what: 'only spaces', key: '  ', answer: (f) => EMPTY[f] },
  { what: '1001 characters', key: LONG, answer: (f) => TOO_LONG[f] },
];

/** The sentence a CLI run refused with (exit 1, `Error: ` and one line), or null when it succeeded. */
function cliAnswer(r: Run): string | null {
  if (r.code === 0) return null;
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^Error: [^\n]+\n$/);
  return r.stderr.slice('Error: '.length, -1);
}

let h: EditHome;
let service: Harness;
let src: string;
beforeAll(async () => {
  h = await editHome('label-key');
  src = path.join(h.root, 'weights.bin');
  await fsp.writeFile(src, 'weights');
  service = await startHarness();
  await fsp.writeFile(path.join(service.root, 'weights.bin'), 'weights');
}, 120_000);
afterAll(async () => {
  await service?.dispose();
  await h?.cleanup();
});

let n = 0;
/** A fresh version to edit, so each case starts from the same labels. */
async function freshVersion(): Promise<string> {
  n += 1;
  await seedVersion(h, 'iris_clf', `v${n}`, plainYaml('iris_clf', `v${n}`, n % 60, { owner: 'ml-team' }));
  return `iris_clf:v${n}`;
}

/** The service answers through its request gate, which names the refused field before the rule's sentence. */
function expectService(got: string | null, answer: string | null): void {
  if (answer === null) expect(got).toBeNull();
  else expect(got).toContain(answer);
}

async function serviceAnswer(channel: 'models:create' | 'model:edit', arg: object): Promise<string | null> {
  try {
    await service.call(channel, arg as never);
    return null;
  } catch (error) {
    return (error as { info?: { message: string } }).info?.message ?? String(error);
  }
}

/** The IPC gate in front of the service: the first refusal's sentence, or null when the argument passes. */
function gateAnswer(channel: 'models:create' | 'model:edit', arg: object): string | null {
  const parsed = requestSchemas[channel].safeParse(arg);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'refused');
}

describe.each(KEYS)('a key with $what', ({ key, answer }) => {
  it('is one rule (value-rules.ts keyProblem)', () => {
    expect(keyProblem('labels', key)).toBe(answer('labels'));
    expect(keyProblem('metadata', key)).toBe(answer('metadata'));
  });

  it('CLI: create --label, label --set and promote --label give the same answer; an accepted key is written as given', { timeout: 120_000 }, async () => {
    const created = await cli(h.home, ['create', `made_${n++}`, src, '--label', `${key}=v`]);
    expect(cliAnswer(created)).toBe(answer('labels'));
    if (created.code === 0) {
      const tag = created.stdout.trim().split('\n').at(-1)!;
      const yaml = await fsp.readFile(path.join(h.models, ...tag.split(':'), 'model.yaml'), 'utf8');
      expect(parseModelYaml(yaml).labels).toEqual({ [key]: 'v' });
    }
    const tag = await freshVersion();
    const labelled = await cli(h.home, ['label', tag, '--set', `${key}=v`]);
    expect(cliAnswer(labelled)).toBe(answer('labels'));
    const yaml = await fsp.readFile(path.join(h.models, ...tag.split(':'), 'model.yaml'), 'utf8');
    expect(parseModelYaml(yaml).labels).toEqual(labelled.code === 0 ? { owner: 'ml-team', [key]: 'v' } : { owner: 'ml-team' });
    expect(cliAnswer(await cli(h.home, ['promote', await freshVersion(), '--label', `${key}=v`]))).toBe(answer('labels'));
  });

  it('CLI: create --metadata and metadata --set give the same answer', { timeout: 120_000 }, async () => {
    expect(cliAnswer(await cli(h.home, ['create', `made_${n++}`, src, '--metadata', `${key}=1`]))).toBe(answer('metadata'));
    expect(cliAnswer(await cli(h.home, ['metadata', await freshVersion(), '--set', `${key}=1`]))).toBe(answer('metadata'));
  });

  it('window: the create sheet and the label editor (their row check), the IPC gate and the service give the same answer', { timeout: 120_000 }, async () => {
    // The label editor checks its rows with the create sheet's checkLabels/checkMetadata (label-edit.ts).
    expect(checkLabels([{ id: 1, key, value: 'v' }]).errors.get(1) ?? null).toBe(answer('labels'));
    expect(checkMetadata([{ id: 1, key, type: 'text', text: 'v' }]).errors.get(1) ?? null).toBe(answer('metadata'));

    const paths = [path.join(service.root, 'weights.bin')];
    const create = (labels: Record<string, string>, metadata: Record<string, string>) => ({ taskId: `t${n++}`, name: `win_${n}`, labels, metadata, paths, root: false });
    expect(gateAnswer('models:create', create({ [key]: 'v' }, {}))).toBe(answer('labels'));
    expect(gateAnswer('models:create', create({}, { [key]: 'v' }))).toBe(answer('metadata'));
    expectService(await serviceAnswer('models:create', create({ [key]: 'v' }, {})), answer('labels'));
    expectService(await serviceAnswer('models:create', create({}, { [key]: 'v' })), answer('metadata'));

    const made = await service.call('models:create', create({}, {}));
    const edit = (field: KeyField) => ({ tag: made.tag, [field]: { set: { [key]: 'v' }, unset: [] } });
    expect(gateAnswer('model:edit', edit('labels'))).toBe(answer('labels'));
    expect(gateAnswer('model:edit', edit('metadata'))).toBe(answer('metadata'));
    expectService(await serviceAnswer('model:edit', edit('labels')), answer('labels'));
    expectService(await serviceAnswer('model:edit', edit('metadata')), answer('metadata'));
  });
});
