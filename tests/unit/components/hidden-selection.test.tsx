// Issue 12 defect 2 at the component level: a model hidden by the search offers no actions (the
// pane says so; Delete does nothing) and comes back ticked as it was.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSearch } from '../../../src-renderer/state/actions/filters.ts';
import { browsePane, models, row, versions } from './browse.tsx';

const toolbar = () => screen.queryByRole('toolbar', { name: 'Version actions' });

describe('a selection the search hides', () => {
  it('shows the model as hidden with no actions, ignores Delete, and clearing brings the ticks back', async () => {
    const { main, user } = await browsePane();
    await user.click(row(models(), 'alpha'));
    await user.click(row(versions(), 'v003'));
    await user.keyboard('{Control>}a{/Control}');
    expect(within(toolbar()!).getByRole('button', { name: 'Delete 3 versions…' })).toBeEnabled();

    act(() => setSearch('bravo'));
    expect(screen.getByRole('main', { name: 'Hidden model' })).toHaveTextContent('alpha is hidden by the search “bravo”.');
    expect(toolbar()).toBeNull();
    expect(screen.queryByRole('listbox', { name: /^Versions of / })).toBeNull();
    models().focus();
    await user.keyboard('{Delete}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(main.requests.filter((r) => r.channel === 'model:usage')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(within(toolbar()!).getByRole('button', { name: 'Delete 3 versions…' })).toBeEnabled();
  });
});
