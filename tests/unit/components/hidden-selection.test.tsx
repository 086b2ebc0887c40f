// Issue 12 defect 2 at the component level: a model hidden by the search offers no actions (the
// pane says so; Delete does nothing) and comes back ticked as it was.
import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DeleteDialog } from '../../../src-renderer/components/DeleteDialog.tsx';
import { ModelList } from '../../../src-renderer/components/ModelList.tsx';
import { VersionPane } from '../../../src-renderer/components/VersionPane.tsx';
import { setSearch } from '../../../src-renderer/state/actions/filters.ts';
import { models, row, STORE, versions } from './browse.tsx';
import { startWindow } from './start-window.ts';

async function open(list = STORE) {
  const main = await startWindow({ versions: list });
  render(
    <>
      <ModelList />
      <VersionPane />
      <DeleteDialog />
    </>,
  );
  return { main, user: userEvent.setup() };
}

const toolbar = () => screen.queryByRole('toolbar', { name: 'Version actions' });

describe('a selection the search hides', () => {
  it('shows the model as hidden with no actions, ignores Delete, and clearing brings the ticks back', async () => {
    const { main, user } = await open();
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
