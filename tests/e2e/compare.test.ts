// Issue 12 view 14: two ticked versions offer Compare; the dialog shows them side by side, older
// on the left: labels and metadata with the changed rows marked and numbers with their difference,
// files added, removed and changed by size (model.yaml is compared above), context; "Only differences" hides the rest. Fits at
// 900x600 and 720x480.
import { existsSync } from 'node:fs';
import { rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutProblems } from './harness/fits.ts';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 240_000;

const rows = async (section: Locator): Promise<string[]> =>
  section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim()).join(' | ') + ` (${tr.getAttribute('data-change')})`));

describe('compare two versions', () => {
  it('shows what differs between two ticked versions', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'iris_clf', labels: { stage: 'dev', owner: 'ml-team' }, metadata: { accuracy: 0.95, epochs: 10, note: 'first' }, files: { 'model.pkl': 'a'.repeat(2048), 'old.txt': 'x', 'same.json': '{}' } },
      { tag: 'iris_clf', labels: { stage: 'prod', owner: 'ml-team', reviewed: 'yes' }, metadata: { accuracy: 0.965, epochs: 10 }, files: { 'model.pkl': 'b'.repeat(4096), 'new.txt': 'y', 'same.json': '{}' } },
      { tag: 'iris_clf', labels: { stage: 'canary' }, files: { 'model.pkl': 'c' } },
    ]);
    const [older, newer] = tags.map((t) => t.split(':')[1]!);
    const { page } = await shelf.open({ home, viewport: { width: 900, height: 600 } });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'iris_clf', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Versions of iris_clf' });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });
    // One version: no Compare. Two ticked (newer first, Ctrl-click the older): Compare.
    await list.getByRole('option', { name: newer!, exact: true }).click();
    expect(await toolbar.getByRole('button', { name: 'Compare' }).count()).toBe(0);
    await list.getByRole('option', { name: older!, exact: true }).click({ modifiers: ['Control'] });
    await toolbar.getByRole('button', { name: 'Compare' }).click();

    const dialog = page.getByRole('dialog', { name: 'Compare two versions of iris_clf' });
    const labels = dialog.getByRole('region', { name: 'Labels' });
    await labels.locator('tbody tr').first().waitFor();
    // Older on the left whatever order they were ticked in.
    expect(await labels.locator('thead th').allTextContents()).toEqual(['Key', older, newer, 'Change']);
    expect(await rows(labels)).toEqual(['owner | ml-team | ml-team |  (same)', 'reviewed | — | yes | added (added)', 'stage | dev | prod | changed (changed)']);
    expect(await labels.getByRole('heading').textContent()).toBe('Labels 2 of 3 differ');

    const metadata = dialog.getByRole('region', { name: 'Metadata' });
    expect(await rows(metadata)).toEqual(['accuracy | 0.95 | 0.965 | +0.015 (changed)', 'epochs | 10 | 10 |  (same)', 'note | first | — | removed (removed)']);

    const files = dialog.getByRole('region', { name: 'Files' });
    expect(await rows(files)).toEqual([
      'new.txt | — | 1 B | added (added)',
      'old.txt | 1 B | — | removed (removed)',
      'model.pkl | 2.00 KiB | 4.00 KiB | changed (changed)',
      'same.json | 2 B | 2 B |  (same)',
    ]);
    // The changed rows are marked for the eye too (a background), not only in words.
    const bg = async (tr: Locator) => tr.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg(files.locator('tbody tr[data-change=changed]'))).not.toBe(await bg(files.locator('tbody tr[data-change=same]')));
    await dialog.getByRole('region', { name: 'Context and signatures' }).waitFor();
    expect(await layoutProblems(page)).toEqual([]);

    // Only differences.
    await dialog.getByRole('checkbox', { name: 'Only differences' }).check();
    expect(await rows(labels)).toEqual(['reviewed | — | yes | added (added)', 'stage | dev | prod | changed (changed)']);
    expect(await files.locator('tbody tr').count()).toBe(3);

    await page.setViewportSize({ width: 720, height: 480 });
    expect(await layoutProblems(page)).toEqual([]);

    // Esc closes; three ticked versions offer no Compare.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await list.getByRole('option', { name: tags[2]!.split(':')[1]!, exact: true }).click({ modifiers: ['Control'] });
    expect(await toolbar.getByRole('button', { name: 'Compare' }).count()).toBe(0);
  });

  it('compares same-size files by the hashes their manifests recorded, and says when it could not', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    const tags = await writeModelsInOtherProcess(home, [
      { tag: 'bert_ner', files: { 'config.json': '{"layers":12}', 'vocab.txt': 'same words', 'notes.md': 'notes 1' } },
      { tag: 'bert_ner', files: { 'config.json': '{"layers":24}', 'vocab.txt': 'same words', 'notes.md': 'notes 2' } },
    ]);
    const [older, newer] = tags.map((t) => t.split(':')[1]!) as [string, string];
    // Changed after its manifest was written (same size, a later time): its recorded hash says nothing now.
    const later = new Date(Date.now() + 120_000);
    const notes = path.join(home, 'models', 'bert_ner', newer, 'notes.md');
    await writeFile(notes, 'notes 1');
    await utimes(notes, later, later);
    const { page, requests } = await shelf.open({ home });
    await page.getByRole('listbox', { name: 'Models' }).getByRole('option', { name: 'bert_ner', exact: true }).click();
    const list = page.getByRole('listbox', { name: 'Versions of bert_ner' });
    const toolbar = page.getByRole('toolbar', { name: 'Version actions' });
    const openCompare = async () => {
      await list.getByRole('option', { name: newer, exact: true }).click();
      await list.getByRole('option', { name: older, exact: true }).click({ modifiers: ['Control'] });
      await toolbar.getByRole('button', { name: 'Compare' }).click();
      const dialog = page.getByRole('dialog', { name: 'Compare two versions of bert_ner' });
      const files = dialog.getByRole('region', { name: 'Files' });
      await files.locator('tbody tr').first().waitFor();
      return { dialog, files };
    };

    const first = await openCompare();
    let files = first.files;
    expect(await rows(files)).toEqual([
      'config.json | 13 B | 13 B | same size, content differs (changed)',
      'notes.md | 7 B | 7 B | not checked (manifest out of date) (same)',
      'vocab.txt | 10 B | 10 B |  (same)',
    ]);
    expect(await files.getByRole('heading').textContent()).toBe('Files 1 of 3 differ; content of 1 not checked (manifest out of date)');
    await page.keyboard.press('Escape');
    await first.dialog.waitFor({ state: 'detached' });

    // The older version loses its manifest (as if BentoML had saved it): nothing is compared by content.
    await rm(path.join(home, '.model-shelf', 'manifests', 'bert_ner', `${older}.json`));
    ({ files } = await openCompare());
    expect(await rows(files)).toEqual([
      'config.json | 13 B | 13 B | not checked (no manifest) (same)',
      'notes.md | 7 B | 7 B | not checked (no manifest) (same)',
      'vocab.txt | 10 B | 10 B | not checked (no manifest) (same)',
    ]);
    expect(await files.getByRole('heading').textContent()).toBe('Files the same 3 by path and size; content of 3 not checked (no manifest)');
    // Nothing was hashed to compare: no verify ran, and no manifest was recorded for the older one.
    expect(requests.map((r) => r.channel)).not.toContain('models:verify');
    expect(requests.filter((r) => r.channel === 'model:manifest').length).toBe(4);
    expect(existsSync(path.join(home, '.model-shelf', 'manifests', 'bert_ner', `${older}.json`))).toBe(false);
    expect(await layoutProblems(page)).toEqual([]);
  });
});
