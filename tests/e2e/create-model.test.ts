// Creating a model from the window: real files dropped on the page land in a real store, and
// what was typed reads back from disk with the store's parser and with real BentoML.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { bentomlPython, bigFile, listTree, readModelInfo, runBentoML, versionsOnDisk, writeFiles, writeModelInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();

async function sourceFiles(): Promise<{ dir: string; paths: string[] }> {
  const dir = await shelf.dir();
  const weights = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
  const paths = await writeFiles(dir, {
    'model.safetensors': weights,
    'config.json': '{"hidden": 64}\n',
    'tokenizer/vocab.txt': 'hello\nworld\n',
  });
  return { dir, paths };
}

describe('creating a model from dropped files', () => {
  it('writes the files and the typed model.yaml that BentoML reads back as entered', async () => {
    const home = await shelf.home();
    const src = await sourceFiles();
    const { page, drop, requests } = await shelf.open({ home });
    await page.getByRole('heading', { name: 'This store has no models yet' }).waitFor();

    await drop(src.paths);
    const sheet = page.getByRole('dialog', { name: 'New model' });
    const staged = sheet.getByRole('list', { name: 'Staged files' });
    for (const name of ['model.safetensors', 'config.json', 'tokenizer']) await staged.getByRole('button', { name: `Remove ${name}`, exact: true }).waitFor();
    expect(await staged.textContent()).toContain('tokenizer/');

    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('iris_clf');
    expect(await sheet.getByRole('status', { name: 'Tag preview' }).textContent()).toBe('iris_clf:<automatic>');
    const labels: [string, string][] = [['owner', 'ml-team'], ['stage', 'dev']];
    for (const [i, [key, value]] of labels.entries()) {
      await sheet.getByRole('button', { name: 'Add label' }).click();
      await sheet.getByRole('textbox', { name: `Label ${i + 1} key` }).fill(key);
      await sheet.getByRole('textbox', { name: `Label ${i + 1} value` }).fill(value);
    }
    const metadata: [string, string, string][] = [
      ['accuracy', 'number', '0.9667'],
      ['epochs', 'number', '12'],
      ['early_stop', 'boolean', 'true'],
      ['trained', 'date', '2025-03-14'],
      ['params', 'json', '{"max_depth": 4, "layers": [64, 32]}'],
      ['answer', 'text', 'yes'],
    ];
    for (const [i, [key, type, value]] of metadata.entries()) {
      await sheet.getByRole('button', { name: 'Add metadata' }).click();
      await sheet.getByRole('textbox', { name: `Metadata ${i + 1} key` }).fill(key);
      await sheet.getByRole('combobox', { name: `Metadata ${i + 1} type` }).selectOption(type);
      if (type === 'boolean') await sheet.getByRole('combobox', { name: `Metadata ${i + 1} value` }).selectOption(value);
      else await sheet.getByRole('textbox', { name: `Metadata ${i + 1} value` }).fill(value);
    }
    await sheet.getByRole('button', { name: /^Create model/ }).click();

    const notice = page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: 'Created iris_clf:' });
    await notice.waitFor();
    await sheet.waitFor({ state: 'detached' });
    const [version] = await versionsOnDisk(home, 'iris_clf');
    expect(version).toBeTruthy();
    expect(await notice.textContent()).toContain(`Created iris_clf:${version}`);
    await page.getByRole('listbox', { name: 'Versions of iris_clf' }).getByRole('option', { name: version, exact: true }).waitFor();

    // One request did it all (stage, copy, commit), under the task id the window chose.
    const creates = requests.filter((r) => r.channel === 'models:create');
    expect(creates).toHaveLength(1);
    expect(creates[0]?.arg).toMatchObject({ taskId: expect.stringMatching(/^task-[0-9a-f]+$/) as unknown, name: 'iris_clf', root: false });

    const versionDir = path.join(home, 'models', 'iris_clf', version ?? '');
    expect(await listTree(versionDir)).toEqual(['config.json', 'model.safetensors', 'model.yaml', 'tokenizer', 'tokenizer/vocab.txt']);
    expect(await readFile(path.join(versionDir, 'model.safetensors'))).toEqual(await readFile(path.join(src.dir, 'model.safetensors')));
    expect(await readFile(path.join(home, 'models', 'iris_clf', 'latest'), 'utf8')).toBe(version);
    const info = await readModelInfo(home, 'iris_clf', version ?? '');
    expect(info.labels).toEqual({ owner: 'ml-team', stage: 'dev' });
    expect(info.metadata).toEqual({
      accuracy: 0.9667,
      epochs: 12,
      early_stop: true,
      trained: { $date: '2025-03-14' },
      params: { max_depth: 4, layers: [64, 32] },
      answer: 'yes',
    });

    // The screen shows the typed values too.
    await page.getByRole('tab', { name: 'Labels & metadata' }).click();
    const shown = page.getByRole('list', { name: 'Metadata' });
    for (const text of ['accuracy', '0.9667', 'early_stop', '2025-03-14', 'max_depth']) await shown.getByText(text).first().waitFor();

    const python = bentomlPython();
    if (python) {
      const out = await runBentoML(
        python,
        home,
        [
          'import bentoml, json',
          "m = bentoml.models.get('iris_clf:latest')",
          'md = m.info.metadata',
          "print(json.dumps({'tag': str(m.tag), 'labels': m.info.labels, 'types': {k: type(v).__name__ for k, v in md.items()},",
          "  'params': md['params'], 'answer': md['answer'], 'vocab': open(m.path_of('tokenizer/vocab.txt')).read()}))",
        ].join('\n'),
      );
      const read = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
      expect(read).toEqual({
        tag: `iris_clf:${version}`,
        labels: { owner: 'ml-team', stage: 'dev' },
        types: { accuracy: 'float', epochs: 'int', early_stop: 'bool', trained: 'date', params: 'dict', answer: 'str' },
        params: { max_depth: 4, layers: [64, 32] },
        answer: 'yes',
        vocab: 'hello\nworld\n',
      });
    } else {
      console.warn('BentoML venv not found (set MODEL_SHELF_BENTOML_VENV): the BentoML read-back was not run.');
    }
  });

  it('says what is wrong beside a bad name, a duplicate label and bad metadata, and writes nothing', async () => {
    const home = await shelf.home();
    const src = await sourceFiles();
    const { page, drop } = await shelf.open({ home });
    await drop(src.paths.slice(0, 1));
    const sheet = page.getByRole('dialog', { name: 'New model' });
    const create = sheet.getByRole('button', { name: /^Create model/ });

    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('-iris clf');
    const nameHint = page.locator('#create-name-rule');
    expect(await nameHint.textContent()).toMatch(/\S/);
    expect(await sheet.getByRole('textbox', { name: 'Name', exact: true }).getAttribute('aria-invalid')).toBe('true');
    // What is wrong first, then the rule in the sheet's one wording (create-sheet-words.test.ts).
    const nameMessage = (await nameHint.textContent()) ?? '';
    expect(nameMessage).toMatch(/^A space is not allowed\. Use lowercase letters/);

    for (const i of [1, 2]) {
      await sheet.getByRole('button', { name: 'Add label' }).click();
      await sheet.getByRole('textbox', { name: `Label ${i} key` }).fill('owner');
      await sheet.getByRole('textbox', { name: `Label ${i} value` }).fill(`team${i}`);
    }
    await sheet.getByText("The key 'owner' is already used above.", { exact: true }).waitFor();

    const bad: [string, string, string, string | RegExp][] = [
      ['accuracy', 'number', 'high', "'high' is not a number"],
      ['trained', 'date', '14/03/2025', 'Enter a date as YYYY-MM-DD'],
      ['params', 'json', '{"depth": 4', /Not valid JSON/],
    ];
    for (const [i, [key, type, value, message]] of bad.entries()) {
      await sheet.getByRole('button', { name: 'Add metadata' }).click();
      await sheet.getByRole('textbox', { name: `Metadata ${i + 1} key` }).fill(key);
      await sheet.getByRole('combobox', { name: `Metadata ${i + 1} type` }).selectOption(type);
      await sheet.getByRole('textbox', { name: `Metadata ${i + 1} value` }).fill(value);
      await sheet.getByText(message).first().waitFor();
      expect(await sheet.getByRole('textbox', { name: `Metadata ${i + 1} value` }).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await create.isDisabled()).toBe(true);
    expect(await page.locator('#create-blocker').textContent()).toMatch(/^Name: /);

    // Fixing everything enables Create; the tag shows the normalised name.
    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('Iris_CLF');
    expect(await sheet.getByRole('status', { name: 'Tag preview' }).textContent()).toBe('iris_clf:<automatic>');
    await sheet.getByRole('textbox', { name: 'Label 2 key' }).fill('stage');
    await sheet.getByRole('textbox', { name: 'Metadata 1 value' }).fill('0.97');
    await sheet.getByRole('textbox', { name: 'Metadata 2 value' }).fill('2025-03-14');
    expect(await create.isDisabled()).toBe(true);
    await sheet.getByRole('textbox', { name: 'Metadata 3 value' }).fill('{"depth": 4}');
    expect(await create.isDisabled()).toBe(false);
    expect(await listTree(path.join(home, 'models'))).toEqual([]);
  });

  it('Cancel during a long copy leaves nothing in the store and keeps the form', async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    // 1 GiB of real bytes: long enough to copy (several seconds here) that Cancel lands mid-copy.
    const big = await bigFile(path.join(src, 'checkpoint.bin'), 1024 * 1024 * 1024);
    const { page, drop, requests } = await shelf.open({ home });
    await drop([big]);
    const sheet = page.getByRole('dialog', { name: 'New model' });
    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('big_model');
    await sheet.getByRole('button', { name: /^Create model/ }).click();

    const progress = sheet.getByRole('progressbar', { name: 'Copying files' });
    await progress.waitFor();
    await sheet.getByRole('button', { name: 'Cancel', exact: true }).click();
    await sheet.getByRole('status').filter({ hasText: 'Cancelled. Nothing was written.' }).waitFor();

    expect(await listTree(path.join(home, 'models'))).toEqual([]);
    expect(await listTree(path.join(home, '.model-shelf', 'staging'))).toEqual([]);
    expect(await sheet.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('big_model');
    expect(await sheet.getByRole('button', { name: /^Create model/ }).isDisabled()).toBe(false);
    // Cancel named the create's own task.
    const taskId = (requests.find((r) => r.channel === 'models:create')?.arg as { taskId?: string } | undefined)?.taskId;
    expect(taskId).toBeTruthy();
    expect(requests.filter((r) => r.channel === 'task:cancel').map((r) => r.arg)).toEqual([{ taskId }]);
  });

  it('a single dropped folder becomes the model root unless the box is cleared', async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    await writeFiles(src, { 'checkpoint/weights.bin': 'w'.repeat(1000), 'checkpoint/conf/config.json': '{}' });
    const folder = path.join(src, 'checkpoint');
    const { page, drop } = await shelf.open({ home });

    for (const [name, useContents] of [['as_root', true], ['as_folder', false]] as const) {
      await drop([folder]);
      const sheet = page.getByRole('dialog', { name: 'New model' });
      await sheet.getByRole('button', { name: 'Remove checkpoint', exact: true }).waitFor();
      const box = sheet.getByRole('checkbox', { name: 'Use the folder’s contents as the model root' });
      expect(await box.isChecked()).toBe(true);
      if (!useContents) await box.uncheck();
      await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await sheet.getByRole('button', { name: /^Create model/ }).click();
      const notice = page.getByRole('region', { name: 'Notices' }).getByRole('status').filter({ hasText: `Created ${name}:` });
      await notice.waitFor();
      const [version] = await versionsOnDisk(home, name);
      const tree = await listTree(path.join(home, 'models', name, version ?? ''));
      expect(tree).toEqual(
        useContents
          ? ['conf', 'conf/config.json', 'model.yaml', 'weights.bin']
          : ['checkpoint', 'checkpoint/conf', 'checkpoint/conf/config.json', 'checkpoint/weights.bin', 'model.yaml'],
      );
    }
  });

  it('keeps the form filled and says what to do when the tag already exists', async () => {
    const home = await shelf.home();
    await writeModelInOtherProcess(home, { tag: 'iris_clf:v1', files: { 'old.bin': 'old' } });
    const src = await sourceFiles();
    const { page, drop } = await shelf.open({ home });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).waitFor();
    await drop(src.paths.slice(0, 1));
    const sheet = page.getByRole('dialog', { name: 'New model' });
    await sheet.getByRole('textbox', { name: 'Name', exact: true }).fill('iris_clf');
    await sheet.getByRole('radio', { name: 'Custom' }).check();
    await sheet.getByRole('textbox', { name: 'Custom version' }).fill('v1');
    await sheet.getByRole('button', { name: 'Add label' }).click();
    await sheet.getByRole('textbox', { name: 'Label 1 key' }).fill('stage');
    await sheet.getByRole('textbox', { name: 'Label 1 value' }).fill('dev');
    expect(await sheet.getByRole('status', { name: 'Tag preview' }).textContent()).toBe('iris_clf:v1');
    await sheet.getByRole('button', { name: /^Create model/ }).click();

    const alert = sheet.getByRole('alert');
    await alert.getByText('A model with that tag already exists in this store.').waitFor();
    expect(await alert.textContent()).toContain('iris_clf:v1');
    expect(await sheet.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('iris_clf');
    expect(await sheet.getByRole('textbox', { name: 'Label 1 value' }).inputValue()).toBe('dev');
    expect(await sheet.getByRole('button', { name: 'Remove model.safetensors', exact: true }).count()).toBe(1);
    expect(await listTree(path.join(home, 'models', 'iris_clf', 'v1'))).toEqual(['model.yaml', 'old.bin']);
    expect(await versionsOnDisk(home, 'iris_clf')).toEqual(['v1']);
    expect(await listTree(path.join(home, '.model-shelf', 'staging'))).toEqual([]);
  });
});
