// The model and version lists (SelectableList + use-selectable-list): a click picks a row,
// Ctrl/Cmd-click and Shift-click pick several, the keyboard moves and extends, Ctrl/Cmd+A picks
// every row, Esc goes back to one, Enter moves on, Delete asks about exactly what is selected.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeVersion } from '../../mocks/fake-versions.ts';
import { activeRow, browse, models, row, rows, selected, versions } from './browse.tsx';

describe('model list', () => {
  it('lists the models newest first and opens on the newest, with its versions beside it', async () => {
    await browse();
    expect(rows(models())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    expect(selected(models())).toEqual(['alpha']);
    expect(activeRow(models())).toBe('alpha');
    expect(versions()).toHaveAccessibleName('Versions of alpha');
    expect(rows(versions())).toEqual(['v003', 'v002', 'v001']);
  });

  it('a click picks one model and shows its versions', async () => {
    const { user } = await browse();
    await user.click(row(models(), 'charlie'));
    expect(selected(models())).toEqual(['charlie']);
    expect(models()).toHaveFocus();
    expect(versions()).toHaveAccessibleName('Versions of charlie');
    expect(rows(versions())).toEqual(['v002', 'v001']);
  });

  it('Shift-click selects the range from the last clicked row, either way', async () => {
    const { user } = await browse();
    await user.click(row(models(), 'bravo'));
    await user.keyboard('{Shift>}');
    await user.click(row(models(), 'delta'));
    expect(selected(models())).toEqual(['bravo', 'charlie', 'delta']);
    await user.click(row(models(), 'alpha'));
    await user.keyboard('{/Shift}');
    expect(selected(models())).toEqual(['alpha', 'bravo']);
  });

  it('Ctrl-click adds and removes one row', async () => {
    const { user } = await browse();
    await user.keyboard('{Control>}');
    await user.click(row(models(), 'charlie'));
    expect(selected(models())).toEqual(['alpha', 'charlie']);
    await user.click(row(models(), 'alpha'));
    await user.keyboard('{/Control}');
    expect(selected(models())).toEqual(['charlie']);
  });

  it('a row\'s check mark works as Ctrl-click: it adds and removes that row', async () => {
    const { user } = await browse();
    const check = (name: string) => row(models(), name).querySelector('.row-check')!;
    await user.click(check('bravo'));
    await user.click(check('delta'));
    expect(selected(models())).toEqual(['alpha', 'bravo', 'delta']);
    await user.click(check('alpha'));
    expect(selected(models())).toEqual(['bravo', 'delta']);
  });

  it('Ctrl+A selects every model, Esc goes back to the active one', async () => {
    const { user } = await browse();
    await user.click(row(models(), 'bravo'));
    await user.keyboard('{Control>}a{/Control}');
    expect(selected(models())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    await user.keyboard('{Escape}');
    expect(selected(models())).toEqual(['bravo']);
  });

  it('arrows move the active row, Shift+arrows extend, Home and End jump', async () => {
    const { user } = await browse();
    models().focus();
    await user.keyboard('{ArrowDown}');
    expect(activeRow(models())).toBe('bravo');
    expect(selected(models())).toEqual(['bravo']);
    expect(versions()).toHaveAccessibleName('Versions of bravo');
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    expect(activeRow(models())).toBe('delta');
    expect(selected(models())).toEqual(['bravo', 'charlie', 'delta']);
    await user.keyboard('{Home}');
    expect(selected(models())).toEqual(['alpha']);
    await user.keyboard('{Shift>}{End}{/Shift}');
    expect(selected(models())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    await user.keyboard('{ArrowUp}');
    expect(activeRow(models())).toBe('charlie');
    expect(selected(models())).toEqual(['charlie']);
  });

  it('Enter moves the focus to the versions', async () => {
    const { user } = await browse();
    await user.click(row(models(), 'charlie'));
    await user.keyboard('{Enter}');
    expect(versions()).toHaveFocus();
  });

  it('Delete asks about exactly the selected models, with their versions and size', async () => {
    const { user } = await browse();
    await user.click(row(models(), 'alpha'));
    await user.keyboard('{Shift>}');
    await user.click(row(models(), 'bravo'));
    await user.keyboard('{/Shift}{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Delete model' });
    expect(dialog).toHaveAccessibleDescription('Move 2 models (4 versions, 7.00 KiB) to the trash? You can restore them until you empty the trash.');
    expect(within(dialog).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['alpha:v003', 'alpha:v002', 'alpha:v001', 'bravo:v001']);
  });
});

describe('version list', () => {
  it('Shift-click, Ctrl-click and Ctrl+A select versions of the open model only', async () => {
    const { user } = await browse();
    await user.click(row(versions(), 'v003'));
    await user.keyboard('{Shift>}');
    await user.click(row(versions(), 'v002'));
    await user.keyboard('{/Shift}');
    expect(selected(versions())).toEqual(['v003', 'v002']);
    await user.keyboard('{Control>}');
    await user.click(row(versions(), 'v003'));
    await user.keyboard('{/Control}');
    expect(selected(versions())).toEqual(['v002']);
    await user.keyboard('{Control>}a{/Control}');
    expect(selected(versions())).toEqual(['v003', 'v002', 'v001']);
    // The model list keeps its own selection.
    expect(selected(models())).toEqual(['alpha']);
  });

  it('Delete moves the selected versions to the trash after saying how many and how much', async () => {
    const { main, user } = await browse();
    await user.click(row(versions(), 'v002'));
    await user.keyboard('{Shift>}');
    await user.click(row(versions(), 'v001'));
    await user.keyboard('{/Shift}{Delete}');
    const dialog = await screen.findByRole('dialog', { name: 'Delete versions' });
    expect(dialog).toHaveAccessibleDescription('Move 2 versions of alpha (5.00 KiB) to the trash? You can restore them until you empty the trash.');
    await user.click(within(dialog).getByRole('button', { name: 'Move to trash' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(main.trash.map((t) => t.entry.tag)).toEqual(['alpha:v002', 'alpha:v001']);
    expect(rows(versions())).toEqual(['v003']);
  });
});

describe('a long list', () => {
  // 300 models, m000 the newest; rows are 56 px, the list shows 600 px.
  const many = Array.from({ length: 300 }, (_, i) => makeVersion(`m${String(i).padStart(3, '0')}`, 'v1', Date.parse('2026-01-01') - i * 60_000, 1));

  it('holds only the rows in view, and the keyboard brings the row it moves to into view', async () => {
    const { user } = await browse({ versions: many });
    expect(rows(models()).length).toBeLessThan(40);
    expect(rows(models())[0]).toBe('m000');
    models().focus();
    await user.keyboard('{End}');
    // The list scrolls to it; the rows follow on the next frame, as in a browser.
    await waitFor(() => expect(activeRow(models())).toBe('m299'));
    expect(rows(models())).not.toContain('m000');
    await user.keyboard('{Home}');
    await waitFor(() => expect(rows(models())).toContain('m000'));
    expect(models().scrollTop).toBe(0);
  });

  it('keeps the rows the user is reading in place when another program adds a model above them', async () => {
    const { main } = await browse({ versions: many });
    // The row drawn at the top edge of the view.
    const topRow = () => within(models()).getAllByRole('option').find((o) => o.style.transform === `translateY(${models().scrollTop}px)`)?.getAttribute('aria-label');
    fireEvent.scroll(models(), { target: { scrollTop: 100 * 56 } });
    expect(topRow()).toBe('m100');
    act(() => {
      main.versions.push(makeVersion('newest', 'v1', Date.parse('2026-02-01'), 1));
      main.changed();
    });
    expect(models().scrollTop).toBe(101 * 56);
    expect(topRow()).toBe('m100');
  });
});
