// Issue 12 defect 3 at the component level: the delete dialog warns about a version being written
// and about removing every version of a model.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeVersion } from '../../mocks/fake-versions.ts';
import { browsePane, models, row, versions } from './browse.tsx';
import { versionsOf } from './start-window.ts';

describe('delete dialog warnings', () => {
  const end = Date.parse('2026-01-01T00:00:00Z');
  const store = [makeVersion('alpha', 'w001', end + 60_000, 10, { status: 'incomplete', problem: 'model.yaml is missing' }), ...versionsOf('alpha', 2), ...versionsOf('solo', 1, {}, 5)];

  it('warns that a version is being written and that every version of the model goes', async () => {
    const { user } = await browsePane(store);
    await user.click(row(models(), 'alpha'));
    await user.click(row(versions(), 'w001'));
    await user.keyboard('{Delete}');
    let d = await screen.findByRole('dialog', { name: 'Delete versions' });
    expect(within(d).getByRole('alert')).toHaveTextContent('alpha:w001 is still being written (it has no model.yaml yet). If a program is saving it now, that save will fail.');
    expect(await within(d).findByRole('button', { name: 'Move to trash anyway' })).toBeEnabled();
    await user.click(within(d).getByRole('button', { name: 'Cancel' }));

    await user.click(row(models(), 'solo'));
    await user.click(row(versions(), 'v001'));
    await user.keyboard('{Delete}');
    d = await screen.findByRole('dialog', { name: 'Delete versions' });
    expect(within(d).getByRole('alert')).toHaveTextContent('This is the only version of solo, so the model solo goes too. Restoring the version brings it back.');
    expect(await within(d).findByRole('button', { name: 'Move to trash' })).toBeEnabled();
  });
});
