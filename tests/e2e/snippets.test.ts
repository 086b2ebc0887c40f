// Issue 12 view 16: the Overview offers the right load_model line for the framework that saved
// the version (model.yaml's module), a service snippet and the CLI lines, each copied with one
// click; the version table shows the framework as a badge. The version is saved by real BentoML,
// and the copied load line is run by real BentoML to prove it loads the model.
import { describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { bentomlPython, runBentoML, writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 300_000;
const python = bentomlPython();

describe('framework-aware snippets', () => {
  it.skipIf(!python)('copies a load line that real BentoML runs, a service and the CLI lines', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    // picklable_model: a framework module that needs no extra package in the venv.
    const tag = (
      await runBentoML(python!, home, `import bentoml, warnings\nwarnings.simplefilter("ignore")\nprint(bentoml.picklable_model.save_model("iris_clf", {"weights": [1, 2, 3]}).tag)`)
    ).trim();
    const [plain] = await writeModelsInOtherProcess(home, [{ tag: 'notes_model', files: { 'notes.txt': 'hi' } }]);
    const { page } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    // The badge in the model list (not on every version row: it took the version's room).
    const models = page.getByRole('listbox', { name: 'Models' });
    expect(await models.getByRole('option', { name: 'iris_clf', exact: true }).locator('.badge-framework').textContent()).toBe('picklable_model');
    expect(await models.getByRole('option', { name: 'notes_model', exact: true }).locator('.badge-framework').count()).toBe(0);
    await list.getByRole('option').first().waitFor();

    const use = page.getByRole('region', { name: 'Use this version' });
    const load = use.getByLabel('Load with bentoml.picklable_model', { exact: true });
    expect(await load.textContent()).toBe(`import bentoml\n\nmodel = bentoml.picklable_model.load_model("${tag}")`);
    expect(await use.getByLabel('A BentoML service', { exact: true }).textContent()).toContain(`    bento_model = BentoModel("${tag}")\n\n    def __init__(self):\n        self.model = bentoml.picklable_model.load_model(self.bento_model)`);
    expect(await use.getByLabel('CLI', { exact: true }).textContent()).toBe(
      `bentoml models get ${tag}\nbentoml models export ${tag} ./${tag.replace(':', '-')}.bentomodel\nbentoml models delete ${tag}`,
    );

    // One click copies; what was copied loads the model in real BentoML.
    await use.getByRole('button', { name: 'Copy Load with bentoml.picklable_model' }).click();
    await page.getByText('Copied the Load with bentoml.picklable_model snippet').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(await runBentoML(python!, home, `import warnings\nwarnings.simplefilter("ignore")\n${copied}\nprint(model)`)).toBe("{'weights': [1, 2, 3]}\n");
    await use.getByRole('button', { name: 'Copy CLI' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await use.getByLabel('CLI', { exact: true }).textContent());
    await use.scrollIntoViewIfNeeded();
    expect(await layoutProblems(page)).toEqual([]);

    // A model made with bentoml.models.create has no framework: its files' path, no badge.
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'notes_model', exact: true }).click();
    const files = use.getByLabel('Open the files', { exact: true });
    expect(await files.textContent()).toBe(`import bentoml\n\n# Saved with bentoml.models.create: a folder of files\npath = bentoml.models.get("${plain}").path`);
    expect(await page.getByRole('listbox', { name: 'Versions of notes_model' }).locator('.badge-framework').count()).toBe(0);
    await use.getByRole('button', { name: 'Copy Open the files' }).click();
    const copiedPath = await page.evaluate(() => navigator.clipboard.readText());
    expect((await runBentoML(python!, home, `${copiedPath}\nimport os\nprint(sorted(os.listdir(path)))`)).trim()).toBe("['model.yaml', 'notes.txt']");
  });
});
