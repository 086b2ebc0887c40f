// Issue 12 defect 9 (the rest): every notice is kept in a log the person can open, errors
// included after they were dismissed, newest first.
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness/vitest-hooks.ts';
import { writeModelsInOtherProcess } from './harness/store-fixtures.ts';

const shelf = useHarness();
const SLOW = 180_000;

describe('the notices log', () => {
  it('keeps what the notices said, errors too after they were dismissed', { timeout: SLOW }, async () => {
    const home = await shelf.home();
    await writeModelsInOtherProcess(home, [{ tag: 'iris_clf', files: { 'w.bin': 'a' } }]);
    const { page, dialogs } = await shelf.open({ home });
    const notices = page.getByRole('region', { name: 'Notices' });
    await page.getByRole('option', { name: 'iris_clf', exact: true }).click();

    // An info (copied), then an error: importing a file that is not there.
    await page.getByRole('toolbar', { name: 'Version actions' }).getByRole('button', { name: 'Copy tag' }).click();
    await notices.getByRole('status').first().waitFor();
    dialogs.importFiles.push([`${home}/missing.bentomodel`]);
    await page.getByRole('button', { name: 'Import…' }).click();
    const error = notices.getByRole('alert');
    await error.waitFor();
    const errorText = ((await error.locator('.notice-text').textContent()) ?? '').trim();
    await error.getByRole('button', { name: 'Dismiss notice' }).click();
    await error.waitFor({ state: 'detached' });

    // The log still has both, newest first, and the button says an error is in it.
    await page.getByRole('button', { name: 'Notices log (1 error)' }).click();
    const log = page.getByRole('dialog', { name: 'Notices log' }).getByRole('list', { name: 'Notices, newest first' });
    const items = await log.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain(`error: ${errorText}`);
    expect(items[1]).toMatch(/^info: Copied iris_clf:/);

    // Clear empties it.
    await page.getByRole('dialog', { name: 'Notices log' }).getByRole('button', { name: 'Clear log' }).click();
    await page.getByRole('dialog', { name: 'Notices log' }).getByText(/^Nothing yet/).waitFor();
    await page.getByRole('dialog', { name: 'Notices log' }).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Notices log', exact: true }).waitFor();
  });
});
