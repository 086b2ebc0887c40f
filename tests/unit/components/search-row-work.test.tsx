// Issue 13, the search keystroke: each shown model row marks what the search found in its name,
// so every key moves the marks, but nothing else in a row changes. Counted, never timed: a key
// that only moves the marks formats no row's times again (the counts, times and chips are not
// re-rendered) and starts no new size observer on a name (the name is fitted once, the marks are
// drawn over the fitted text); a key that changes the models shown rewrites the rows in place
// instead of building new ones; and the marks are the ones the search found.
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelList } from '../../../src-renderer/components/ModelList.tsx';
import { setSearch } from '../../../src-renderer/state/actions/filters.ts';
import { browsePane, models, rows } from './browse.tsx';
import { startWindow, versionsOf } from './start-window.ts';

/** model_00 .. model_39, newest first, two versions each. */
const STORE = Array.from({ length: 40 }, (_, i) => versionsOf(`model_${String(i).padStart(2, '0')}`, 2, { labels: { stage: i % 2 ? 'dev' : 'prod' } }, i * 10)).flat();

let observers = 0;
/** What each observer started was set to watch, in order. */
let watched: Element[] = [];
const Stub = globalThis.ResizeObserver;
beforeEach(() => {
  observers = 0;
  watched = [];
  globalThis.ResizeObserver = class extends Stub {
    constructor(callback: ResizeObserverCallback) {
      super(callback);
      observers += 1;
    }
    override observe(target: Element): void {
      watched.push(target);
    }
  };
});
afterEach(() => {
  globalThis.ResizeObserver = Stub;
  vi.restoreAllMocks();
});

const marks = (): string[] => [...models().querySelectorAll('[role=option]')].map((row) => [...row.querySelectorAll('mark')].map((m) => m.textContent).join('|'));

describe('search keystroke work in the model list (issue 13)', () => {
  it('a key that moves the marks re-renders only the names: no time formatted, no observer started', async () => {
    await startWindow({ versions: STORE });
    render(<ModelList />);
    const shown = rows(models()).length;
    expect(shown).toBeGreaterThan(10);
    act(() => setSearch('m'));
    expect(marks()).toEqual(Array(shown).fill('m'));

    // Each key the rows keep: marks moved on every row, and nothing else done for them.
    // `format` is a getter on the prototype (it hands out a bound function): each read is one use.
    const times = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { format: object }, 'format', 'get');
    const started = observers;
    for (const q of ['mo', 'mod', 'mode', 'model', 'model_']) {
      act(() => setSearch(q));
      expect(rows(models())).toHaveLength(shown);
      expect(marks()).toEqual(Array(shown).fill(q));
    }
    expect(times).not.toHaveBeenCalled();
    expect(observers - started).toBe(0);
    times.mockRestore();

    // A key that narrows to models not shown before (model_30..39): the rows in place take them
    // (names, counts and marks rewritten), the places past the end go; no row is built, no element
    // added, no observer started.
    const added = new MutationObserver(() => undefined);
    added.observe(models(), { childList: true, subtree: true });
    const elementsAdded = (): number => added.takeRecords().reduce((n, r) => n + [...r.addedNodes].filter((x) => x.nodeType === Node.ELEMENT_NODE && x.nodeName !== 'MARK').length, 0);
    act(() => setSearch('model_3'));
    expect(rows(models())).toEqual(Array.from({ length: 10 }, (_, i) => `model_3${i}`));
    expect(marks()).toEqual(Array(10).fill('model_3'));
    expect(elementsAdded()).toBe(0);
    expect(observers - started).toBe(0);
    // And back: only the places that come back into the window get rows (one name observer each).
    act(() => setSearch('model_'));
    expect(rows(models())).toHaveLength(shown);
    expect(marks()).toEqual(Array(shown).fill('model_'));
    expect(observers - started).toBe(shown - 10);
    added.disconnect();

    // What the search found is still marked in the name as typed (case aside), and cleared after.
    act(() => setSearch('L_1'));
    expect(within(models()).getByRole('option', { name: 'model_13' }).querySelector('.middle-shown')?.innerHTML).toBe('mode<mark class="search-hit">l_1</mark>3');
    act(() => setSearch(''));
    expect(marks()).toEqual(Array(rows(models()).length).fill(''));
    expect(models().querySelector('mark')).toBeNull();
  });

  it('the key that shows the open model again does not build its pane anew; hidden, the pane is out of reach', async () => {
    await browsePane();
    const pane = screen.getByRole('main', { name: 'Model alpha' });
    expect(within(pane).getByRole('listbox', { name: 'Versions of alpha' })).toBeInTheDocument();

    act(() => setSearch('bravo'));
    // What the person sees and reaches: the notice, no versions, no actions of the hidden model.
    expect(screen.getByRole('main', { name: 'Hidden model' })).toHaveTextContent('alpha is hidden by the search “bravo”.');
    expect(screen.queryByRole('main', { name: 'Model alpha' })).toBeNull();
    expect(screen.queryByRole('listbox', { name: /^Versions of / })).toBeNull();
    expect(screen.queryByRole('toolbar', { name: 'Version actions' })).toBeNull();

    const before = watched.length;
    act(() => setSearch(''));
    expect(screen.queryByRole('main', { name: 'Hidden model' })).toBeNull();
    // The very same pane, shown again: nothing in it built, no observer started on it (the model
    // list's rows that come back start theirs).
    expect(screen.getByRole('main', { name: 'Model alpha' })).toBe(pane);
    expect(within(pane).getByRole('listbox', { name: 'Versions of alpha' })).toBeInTheDocument();
    expect(watched.slice(before).filter((el) => pane.contains(el))).toEqual([]);
    expect(watched.slice(before).filter((el) => models().contains(el))).toHaveLength(3);
  });
});
