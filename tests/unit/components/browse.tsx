// The browsing half of the window, rendered on a small store: filter bar, model list, the active
// model's versions and the delete confirmation (what VersionPane and Sidebar compose around them).
import { render, screen, within } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { DeleteDialog } from '../../../src-renderer/components/DeleteDialog.tsx';
import { FilterBar } from '../../../src-renderer/components/FilterBar.tsx';
import { ModelList } from '../../../src-renderer/components/ModelList.tsx';
import { VersionList } from '../../../src-renderer/components/VersionList.tsx';
import { VersionPane } from '../../../src-renderer/components/VersionPane.tsx';
import { selectActiveGroup } from '../../../src-renderer/state/selectors.ts';
import { useApp } from '../../../src-renderer/state/store.ts';
import type { FakeMain, FakeMainOptions } from '../../mocks/fake-main.ts';
import { startWindow, versionsOf } from './start-window.ts';

/** Newest first: alpha (3 versions, 6 KiB), bravo (1), charlie (2), delta (1). */
export const STORE = [
  ...versionsOf('alpha', 3, { labels: { stage: 'prod', owner: 'ml' } }, 0),
  ...versionsOf('bravo', 1, { labels: { stage: 'dev' } }, 10),
  ...versionsOf('charlie', 2, { labels: { stage: 'prod' } }, 20),
  ...versionsOf('delta', 1, {}, 30),
];

function Browse() {
  const group = useApp(selectActiveGroup);
  return (
    <>
      <FilterBar />
      <ModelList />
      {group ? <VersionList group={group} /> : null}
      <DeleteDialog />
    </>
  );
}

export async function browse(options: FakeMainOptions = {}): Promise<{ main: FakeMain; user: UserEvent }> {
  const main = await startWindow({ versions: STORE, ...options });
  render(<Browse />);
  return { main, user: userEvent.setup() };
}

/** The model list, the whole right pane (toolbar, hidden-model notice) and the delete dialog. */
export async function browsePane(versions = STORE): Promise<{ main: FakeMain; user: UserEvent }> {
  const main = await startWindow({ versions });
  render(
    <>
      <ModelList />
      <VersionPane />
      <DeleteDialog />
    </>,
  );
  return { main, user: userEvent.setup() };
}

export const models = (): HTMLElement => screen.getByRole('listbox', { name: 'Models' });
export const versions = (): HTMLElement => screen.getByRole('listbox', { name: /^Versions of / });
/** The names of a listbox's rows, and of the selected ones. */
export const rows = (list: HTMLElement): string[] => within(list).queryAllByRole('option').map((o) => o.getAttribute('aria-label') ?? '');
export const selected = (list: HTMLElement): string[] => within(list).queryAllByRole('option', { selected: true }).map((o) => o.getAttribute('aria-label') ?? '');
export const row = (list: HTMLElement, name: string): HTMLElement => within(list).getByRole('option', { name });
/** The row the keyboard is on (the listbox's aria-activedescendant). */
export const activeRow = (list: HTMLElement): string | null => {
  const id = list.getAttribute('aria-activedescendant');
  return id ? (document.getElementById(id)?.getAttribute('aria-label') ?? null) : null;
};
