// Issue 12 defect 11: the create sheet names the model after the dropped file or folder (without
// its extension, made valid; a generic file takes its folder's name), states the name rule in one
// wording, never previews an invalid tag, lists every reason Create is disabled without cutting
// any, and keeps a JSON metadata row in the grid of the other rows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeFiles } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;
const RULE = "Use lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters.";

describe('the create sheet’s words and grid', () => {
  it('suggests names from what was dropped', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    await writeFiles(src, { 'bert_ner_v2/model.safetensors': 'w', 'Iris-Classifier.pkl': 'p', 'My Checkpoint.v2/a.bin': 'a', 'runs/checkpoint/b.bin': 'b', 'weights.tar.gz': 'z' });
    const cases: [string, string][] = [
      [path.join(src, 'bert_ner_v2', 'model.safetensors'), 'bert_ner_v2'],
      [path.join(src, 'Iris-Classifier.pkl'), 'iris-classifier'],
      [path.join(src, 'My Checkpoint.v2'), 'my_checkpoint.v2'],
      [path.join(src, 'runs', 'checkpoint'), 'runs'],
    ];
    for (const [dropped, expected] of cases) {
      // A fresh window each time: the sheet keeps what it holds when it is closed.
      const win = await shelf.open({ home });
      const { page, drop } = win;
      const sheet = page.getByRole('dialog', { name: 'New model' });
      await drop([dropped]);
      const name = sheet.getByRole('textbox', { name: 'Name', exact: true });
      await expect.poll(() => name.inputValue()).toBe(expected);
      expect(await sheet.getByRole('status', { name: 'Tag preview' }).textContent()).toBe(`${expected}:<automatic>`);
      await win.close();
    }
  });

  it('one wording of the rule, no invalid preview, every reason listed, JSON in the grid', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const src = await shelf.dir();
    const [file] = await writeFiles(src, { 'iris.pkl': 'p' });
    const { page, drop } = await shelf.open({ home, viewport: { width: 1280, height: 800 } });
    await drop([file!]);
    const sheet = page.getByRole('dialog', { name: 'New model' });
    const name = sheet.getByRole('textbox', { name: 'Name', exact: true });
    expect(await page.locator('#create-name-rule').textContent()).toBe(RULE);

    await name.fill('iris clf!');
    expect(await page.locator('#create-name-rule').textContent()).toBe(`A space is not allowed. ${RULE}`);
    expect(await sheet.getByRole('status', { name: 'Tag preview' }).textContent()).toBe('<name>:<automatic>');
    // BentoML's own wording of the rule appears nowhere: one rule, one wording.
    expect(await sheet.getByText(/alphanumeric/).count()).toBe(0);
    await name.fill('-iris');
    expect(await page.locator('#create-name-rule').textContent()).toBe(`It cannot start with '-'. ${RULE}`);

    for (const i of [1, 2, 3]) {
      await sheet.getByRole('button', { name: 'Add label' }).click();
      await sheet.getByRole('textbox', { name: `Label ${i} key` }).fill('owner');
    }
    await sheet.getByRole('button', { name: 'Add metadata' }).click();
    await sheet.getByRole('textbox', { name: 'Metadata 1 key' }).fill('accuracy');
    await sheet.getByRole('combobox', { name: 'Metadata 1 type' }).selectOption('number');
    await sheet.getByRole('textbox', { name: 'Metadata 1 value' }).fill('high');
    await sheet.getByRole('button', { name: 'Add metadata' }).click();
    await sheet.getByRole('textbox', { name: 'Metadata 2 key' }).fill('params');
    await sheet.getByRole('combobox', { name: 'Metadata 2 type' }).selectOption('json');
    await sheet.getByRole('textbox', { name: 'Metadata 2 value' }).fill('{"max_depth": 4, "layers": [64, 32, 16], "dropout": 0.25}');

    const reasons = sheet.getByRole('list', { name: 'Why Create is disabled' }).getByRole('listitem');
    expect(await reasons.allTextContents()).toEqual([
      `Name: It cannot start with '-'. ${RULE}`,
      "Label 2: the key 'owner' is already used above.",
      "Label 3: the key 'owner' is already used above.",
      "Metadata 1: 'high' is not a number (write it as JSON does, such as 42, 0.5 or 1e3).",
    ]);
    // None is cut: each line wraps inside the footer.
    const cut = await reasons.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth).length);
    expect(cut).toBe(0);

    // The JSON value sits in the value column, like the number above it, with its remove button on the same row.
    const numberBox = (await sheet.getByRole('textbox', { name: 'Metadata 1 value' }).boundingBox())!;
    const jsonBox = (await sheet.getByRole('textbox', { name: 'Metadata 2 value' }).boundingBox())!;
    const jsonKey = (await sheet.getByRole('textbox', { name: 'Metadata 2 key' }).boundingBox())!;
    const remove = (await sheet.getByRole('button', { name: 'Remove metadata 2' }).boundingBox())!;
    expect(Math.round(jsonBox.x)).toBe(Math.round(numberBox.x));
    expect(Math.round(jsonBox.width)).toBe(Math.round(numberBox.width));
    expect(Math.round(jsonKey.y)).toBe(Math.round(jsonBox.y));
    expect(remove.y).toBeLessThan(jsonBox.y + jsonBox.height);
  });
});
