// The delete confirmation: it says what goes and how much before anything moves, waits for the
// bento check, warns about a bento that uses a version, lists at most eight tags, and Cancel
// moves nothing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { activeRow, browse, models, row, rows, versions } from './browse.tsx';
import { versionsOf } from './start-window.ts';

const dialog = (name: string) => screen.findByRole('dialog', { name });

describe('delete dialog', () => {
  it('asks about a whole model by name, with its versions and size, and Cancel moves nothing', async () => {
    const { main, user } = await browse();
    await user.click(row(models(), 'alpha'));
    await user.keyboard('{Delete}');
    const d = await dialog('Delete model');
    expect(d).toHaveAccessibleDescription('Move alpha and all its 3 versions (6.00 KiB) to the trash? You can restore them until you empty the trash.');
    await user.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(main.trash).toEqual([]);
    expect(main.versions).toHaveLength(7);
  });

  it('waits for the bento check, then warns about the bento and moves the version only when told again', async () => {
    const { main, user } = await browse({ bentos: { 'alpha:v003': ['iris_service:v3bq2'] } });
    main.hold('model:usage');
    await user.click(row(versions(), 'v003'));
    await user.keyboard('{Delete}');
    const d = await dialog('Delete versions');
    expect(d).toHaveAccessibleDescription('Move alpha:v003 (1.00 KiB) to the trash? You can restore it until you empty the trash.');
    expect(within(d).getByText('Checking whether a local bento uses it…')).toBeVisible();
    expect(within(d).getByRole('button', { name: 'Move to trash' })).toBeDisabled();

    main.release('model:usage');
    expect(await within(d).findByRole('alert')).toHaveTextContent('alpha:v003 is used by the bento iris_service:v3bq2. That bento cannot be served or containerized until you restore it.');
    await user.click(within(d).getByRole('button', { name: 'Move to trash anyway' }));
    await waitFor(() => expect(rows(versions())).toEqual(['v002', 'v001']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(main.trash.map((t) => t.entry.tag)).toEqual(['alpha:v003']);
    expect(main.requests.find((r) => r.channel === 'models:delete')?.arg).toEqual({ tags: ['alpha:v003'], force: true });
    expect(activeRow(versions())).toBe('v002');
  });

  it('lists the first eight tags and says how many more', async () => {
    const { user } = await browse({ versions: versionsOf('big', 11) });
    await user.click(row(versions(), 'v011'));
    await user.keyboard('{Control>}a{/Control}{Delete}');
    const d = await dialog('Delete versions');
    expect(d).toHaveAccessibleDescription(/^Move 11 versions of big \(/);
    const items = within(within(d).getByRole('list', { name: 'Versions to delete' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['big:v011', 'big:v010', 'big:v009', 'big:v008', 'big:v007', 'big:v006', 'big:v005', 'big:v004', 'and 3 more']);
  });
});
