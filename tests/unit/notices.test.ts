// What the notices area holds: errors stay until dismissed, the same news does not stack twins,
// and no more than five show.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearNotices, dismiss, notify } from '../../src-renderer/state/actions/notices.ts';
import { getState } from '../../src-renderer/state/store.ts';

const shown = () => getState().notices.map((n) => n.text);

describe('notices', () => {
  afterEach(() => {
    clearNotices();
    vi.useRealTimers();
  });

  it('keeps an error until it is dismissed, while a success goes by itself', () => {
    vi.useFakeTimers();
    const error = notify({ kind: 'error', text: 'Import failed: A model with that tag already exists in this store.' });
    notify({ kind: 'success', text: 'Imported a:1' });
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(shown()).toEqual(['Import failed: A model with that tag already exists in this store.']);
    dismiss(error);
    expect(shown()).toEqual([]);
  });

  it('shows the same notice once: a repeat replaces the older copy and moves it to the end', () => {
    notify({ kind: 'error', text: 'Import failed: exists.', detail: 'a:1' });
    notify({ kind: 'success', text: 'Imported b:1' });
    notify({ kind: 'error', text: 'Import failed: exists.', detail: 'a:1' });
    notify({ kind: 'error', text: 'Import failed: exists.', detail: 'c:1' });
    expect(getState().notices.map((n) => `${n.text} ${n.detail ?? ''}`.trim())).toEqual([
      'Imported b:1',
      'Import failed: exists. a:1',
      'Import failed: exists. c:1',
    ]);
  });

  it('shows the newest five', () => {
    for (let i = 1; i <= 7; i++) notify({ kind: 'error', text: `failure ${i}` });
    expect(shown()).toEqual(['failure 3', 'failure 4', 'failure 5', 'failure 6', 'failure 7']);
  });
});
