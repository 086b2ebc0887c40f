// Screenshots of the "views people expect" (issue 12 views 13, 14, 16, 18) at 1280 x 800 and 900 x 600 in
// both themes, named <view>-<width>-<theme>.png like screenshots.test.ts. Written to
// test-results/screenshots/; MODEL_SHELF_UPDATE_SCREENSHOTS=1 also copies them to docs/screenshots/.
// Each view is also checked to fit the window.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess, type ChildModel } from './harness/store-fixtures.ts';
import { removeStaleScreenshots, shootEveryRound } from './harness/screenshot-docs.ts';

const shelf = useHarness();
const DAY = 86_400_000;

/** Moves a version's creation_time into the past (a store that has been used for months). */
async function backdate(home: string, tag: string, daysAgo: number): Promise<void> {
  const file = path.join(home, 'models', ...tag.split(':'), 'model.yaml');
  const when = new Date(Date.now() - daysAgo * DAY).toISOString().replace('Z', '+00:00');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^creation_time: .*$/m, `creation_time: '${when}'`));
}

async function seed(home: string): Promise<string[]> {
  const kib = (n: number, c: string) => c.repeat(n * 1024);
  const models: (ChildModel & { days: number })[] = [];
  const stages = ['dev', 'dev', 'staging', 'dev', 'staging', 'prod', 'dev', 'canary'];
  stages.forEach((stage, i) =>
    models.push({
      tag: 'sentiment_distilbert',
      days: 120 - i * 15,
      labels: { owner: i % 3 === 0 ? 'nlp-team' : 'alice', stage, dataset: i < 4 ? 'imdb' : 'imdb+sst2' },
      metadata: { accuracy: Number((0.88 + i * 0.011 - (i === 6 ? 0.03 : 0)).toFixed(4)), f1: Number((0.86 + i * 0.012).toFixed(4)), loss: Number((0.41 - i * 0.03).toFixed(3)), epochs: 3 + (i % 3), base: 'distilbert-base-uncased' },
      files: { 'model.safetensors': kib(600 + i * 40, String.fromCharCode(97 + i)), 'config.json': `{"dim": 768, "n_layers": ${6 + (i % 3)}}`, 'tokenizer.json': kib(20 + i, 'z') },
    }),
  );
  models.push({ tag: 'iris_clf', days: 10, labels: { owner: 'ml-team', stage: 'prod' }, metadata: { accuracy: 0.9667 }, files: { 'model.pkl': kib(14, 'k') } });
  models.push({ tag: 'bert_ner', days: 40, labels: { owner: 'nlp-team', stage: 'prod' }, files: { 'model.safetensors': kib(1400, 'p') } });
  models.push({ tag: 'fraud_xgb', days: 2, labels: { owner: 'risk', stage: 'prod' }, files: { 'model.json': kib(300, 's') } });
  const tags = await writeModelsInOtherProcess(home, models);
  for (const [i, tag] of tags.entries()) await backdate(home, tag, models[i]!.days);
  // Frameworks as BentoML records them (model.yaml's module), for the badges and snippets.
  const frameworks: Record<string, string> = { sentiment_distilbert: 'bentoml.transformers', fraud_xgb: 'bentoml.xgboost', iris_clf: 'bentoml.sklearn' };
  for (const tag of tags) {
    const file = path.join(home, 'models', ...tag.split(':'), 'model.yaml');
    const module = frameworks[tag.split(':')[0]!];
    if (module) await writeFile(file, (await readFile(file, 'utf8')).replace(/^module: .*$/m, `module: ${module}`));
  }
  return tags;
}

describe('screenshots of the views people expect', () => {
  it('writes <view>-<width>-<theme>.png for each view, and each fits the window', { timeout: 600_000 }, async () => {
    const home = await shelf.home();
    const tags = await seed(home);
    const versions = tags.slice(0, 8).map((t) => t.split(':')[1]!);
    const { written, problems } = await shootEveryRound(async ({ scheme, size, shootView }) => {
      const { page } = await shelf.open({ home, colorScheme: scheme, viewport: size });
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
      const list = page.getByRole('listbox', { name: 'Versions of sentiment_distilbert' });
      await list.getByRole('option').first().waitFor();
      const sortBar = page.getByRole('toolbar', { name: 'Sort the versions of sentiment_distilbert' });

      // 13. The version table, sorted by accuracy (best first).
      await sortBar.getByRole('button', { name: /^accuracy/ }).click();
      await list.getByRole('option', { name: versions[7]!, exact: true }).click();
      await shootView(page, 'version-table');
      await sortBar.getByRole('button', { name: 'Choose columns' }).click();
      await page.getByRole('dialog', { name: 'Columns of sentiment_distilbert' }).waitFor();
      await shootView(page, 'version-columns');
      await page.keyboard.press('Escape');
      // Back to the defaults for the next window (the choice is remembered in localStorage).
      await sortBar.getByRole('button', { name: 'Choose columns' }).click();
      await page.getByRole('button', { name: 'Default columns' }).click();
      await page.keyboard.press('Escape');

      // 14. Compare two versions (the prod one and the canary).
      await list.getByRole('option', { name: versions[5]!, exact: true }).click({ modifiers: ['Control'] });
      await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Compare' }).click();
      const compare = page.getByRole('dialog', { name: 'Compare two versions of sentiment_distilbert' });
      await compare.getByRole('region', { name: 'Context and signatures' }).waitFor();
      await shootView(page, 'compare');
      await page.keyboard.press('Escape');
      await compare.waitFor({ state: 'detached' });

      // 16. Snippets on the Overview (a model saved by bentoml.picklable_model: its badge and load line).
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'fraud_xgb', exact: true }).click();
      const use = page.getByRole('region', { name: 'Use this version' });
      await use.getByLabel('CLI', { exact: true }).waitFor();
      await use.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shootView(page, 'snippets');

      // 18. Saved filters in the sidebar ("prod" and "mine"), one applied.
      const saved = page.getByRole('group', { name: 'Saved filters' });
      for (const [name, filter] of [['mine', 'owner=alice'], ['prod', 'stage=prod']] as const) {
        await page.getByLabel('Add label filter').fill(filter);
        await page.getByLabel('Add label filter').press('Enter');
        if ((await saved.getByRole('button', { name: new RegExp(`^Show ${name}:`) }).count()) === 0) {
          await page.getByRole('button', { name: 'Save filter…' }).click();
          await page.getByLabel('Name for the saved filter').fill(name);
          await page.getByLabel('Name for the saved filter').press('Enter');
        }
        await page.getByRole('button', { name: `Remove filter ${filter}` }).click();
      }
      await saved.getByRole('button', { name: /^Show prod:/ }).click();
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'bert_ner', exact: true }).click();
      await shootView(page, 'saved-filters');

      // 18. What a search matched: the label marked in the version table, the model row says why.
      await page.getByRole('button', { name: 'Remove filter stage=prod' }).click();
      await page.getByRole('searchbox', { name: 'Search models' }).fill('stage=canary');
      await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'sentiment_distilbert', exact: true }).click();
      await page.getByRole('listbox', { name: 'Versions of sentiment_distilbert' }).locator('mark').first().waitFor();
      await shootView(page, 'search-match');
    });
    expect(problems).toEqual([]);
    expect(written.length).toBeGreaterThan(0);
    await removeStaleScreenshots(written);
  });
});
