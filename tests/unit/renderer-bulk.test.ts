// Bulk actions' state (issue 12 view 15) against the typed fake of main: what "Select all N
// matching the filter" ticks, what the bar counts and leaves out, how Ctrl/Shift/Esc change a
// bulk selection, the relabel sheet's request, and what the fake "disk" holds after the actions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { setApi } from '../../src-renderer/state/bridge.ts';
import { applyRelabel, clearBulk, exportSentences, openRelabel, selectAllMatching, setRelabelRow, addRelabelRow } from '../../src-renderer/state/bulk/bulk-actions.ts';
import { markedScope, matchingScope, selectBulkScope, selectMatching } from '../../src-renderer/state/bulk/bulk-scope.ts';
import { getBulk, initialBulk, setBulk } from '../../src-renderer/state/bulk/bulk-store.ts';
import { labelSummary, relabelRequest } from '../../src-renderer/state/bulk/relabel-form.ts';
import { addLabelFilter, setSearch } from '../../src-renderer/state/actions/filters.ts';
import { clearNotices } from '../../src-renderer/state/actions/notices.ts';
import { collapseSelection, markedAfter, selectAllIn, selectName, selectTag } from '../../src-renderer/state/actions/selection.ts';
import { startApp, stopApp } from '../../src-renderer/state/actions/store-actions.ts';
import { selectVisibleGroups } from '../../src-renderer/state/selectors.ts';
import { getState, resetApp } from '../../src-renderer/state/store.ts';
import { FakeMain } from '../mocks/fake-main.ts';
import { progressText } from '../../src-renderer/components/ProgressLine.tsx';
import { makeVersion } from '../mocks/fake-versions.ts';

const v = (name: string, ver: string, ms: number, labels: Record<string, string> = {}): ModelVersion => makeVersion(name, ver, ms, 100, { labels });

const fixture = (): ModelVersion[] => [
  v('iris_clf', 'i3', 3000, { stage: 'prod' }),
  v('iris_clf', 'i2', 2000, { stage: 'canary' }),
  v('iris_clf', 'i1', 1000, { stage: 'prod' }),
  v('iris_rf', 'r1', 2500, { stage: 'prod' }),
  v('bert_ner', 'b1', 1500, { stage: 'prod' }),
];

let main: FakeMain;
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  resetApp();
  setBulk(initialBulk());
  main = new FakeMain({ versions: fixture() });
  setApi(main.api());
  await startApp(() => undefined);
});
afterEach(() => {
  stopApp();
  clearNotices();
  setApi(null);
});

describe('select all matching the filter', () => {
  it('ticks exactly the versions of the models the search and label filters show', () => {
    setSearch('iris');
    addLabelFilter({ key: 'stage', value: 'prod' });
    const matching = selectMatching(getState());
    expect(matching.models).toBe(2);
    expect([...matching.tags].sort()).toEqual(['iris_clf:i1', 'iris_clf:i3', 'iris_rf:r1']);
    selectAllMatching();
    expect([...(getState().marked ?? [])].sort()).toEqual(['iris_clf:i1', 'iris_clf:i3', 'iris_rf:r1']);
    const scope = selectBulkScope(getState());
    expect(scope).toMatchObject({ source: 'marked', models: 2, hidden: 0 });
    expect(scope.tags).toHaveLength(3);
  });

  it('never counts a ticked version the search hides now, and says how many it leaves out', () => {
    setSearch('iris');
    selectAllMatching();
    expect(selectBulkScope(getState()).tags).toHaveLength(4);
    setSearch('iris_rf');
    const scope = selectBulkScope(getState());
    expect(scope.tags).toEqual(['iris_rf:r1']);
    expect(scope).toMatchObject({ models: 1, hidden: 3 });
    // Clearing the search brings the whole selection back, as it was.
    setSearch('');
    expect(selectBulkScope(getState()).tags).toHaveLength(4);
  });

  it('counts models and leaves out what is not in the list (pure helpers)', () => {
    const groups = selectVisibleGroups(getState());
    expect(matchingScope(groups)).toMatchObject({ models: 3 });
    const scope = markedScope(groups, ['iris_clf:i1', 'bert_ner:b1', 'gone:x']);
    expect(scope).toMatchObject({ models: 2, hidden: 1 });
  });
});

describe('changing a bulk selection', () => {
  it('Ctrl-click toggles a tick, Shift-click adds a range, a plain click only shows, another model keeps it, Esc ends it', () => {
    setSearch('iris');
    selectAllMatching();
    selectName('iris_clf');
    selectTag('iris_clf:i2', 'toggle');
    expect(getState().marked).not.toContain('iris_clf:i2');
    selectTag('iris_clf:i3', 'replace');
    expect(getState().marked).toHaveLength(3);
    expect(getState().activeTag).toBe('iris_clf:i3');
    selectTag('iris_clf:i1', 'range');
    expect([...(getState().marked ?? [])].sort()).toEqual(['iris_clf:i1', 'iris_clf:i2', 'iris_clf:i3', 'iris_rf:r1']);
    selectName('iris_rf');
    expect(getState().marked).toHaveLength(4);
    selectTag('iris_rf:r1', 'toggle');
    selectName('iris_clf');
    selectAllIn('versions');
    expect(getState().marked).toHaveLength(3);
    expect(collapseSelection('versions')).toBe(true);
    expect(getState().marked).toBeNull();
    expect(getState().selectedTags).toEqual([getState().activeTag]);
  });

  it('unticking the last one ends the bulk selection; deleted versions leave it', async () => {
    expect(markedAfter(['a', 'b', 'c'], ['a'], 'a', 'a', 'toggle')).toEqual([]);
    expect(markedAfter(['a', 'b', 'c', 'd'], ['d'], 'a', 'c', 'range')).toEqual(['d', 'a', 'b', 'c']);
    setSearch('iris');
    selectAllMatching();
    main.versions = main.versions.filter((x) => x.name !== 'iris_rf');
    main.changed();
    await tick();
    expect([...(getState().marked ?? [])].sort()).toEqual(['iris_clf:i1', 'iris_clf:i2', 'iris_clf:i3']);
    clearBulk();
    expect(getState().marked).toBeNull();
  });

  it('several versions ticked in one model make a scope of that model only', () => {
    selectName('iris_clf');
    selectTag('iris_clf:i3');
    selectTag('iris_clf:i1', 'range');
    expect(selectBulkScope(getState())).toMatchObject({ source: 'ticked', models: 1, tags: ['iris_clf:i3', 'iris_clf:i2', 'iris_clf:i1'] });
    selectTag('iris_clf:i2');
    expect(selectBulkScope(getState()).source).toBeNull();
  });
});

describe('relabel', () => {
  it('turns the rows into keys to set and keys to remove, or the first problem in a sentence', () => {
    expect(relabelRequest([{ key: 'stage', action: 'set', value: 'prod' }, { key: 'owner', action: 'remove', value: 'x' }, { key: '', action: 'set', value: '' }])).toEqual({
      ok: true,
      request: { set: { stage: 'prod' }, unset: ['owner'] },
    });
    // Keys stay as typed (BentoML keeps ' a'); one of only spaces gets the store's sentence.
    expect(relabelRequest([{ key: ' a', action: 'set', value: '1' }])).toEqual({ ok: true, request: { set: { ' a': '1' }, unset: [] } });
    expect(relabelRequest([{ key: '  ', action: 'set', value: '1' }])).toEqual({ ok: false, problem: 'Label 1: A label key cannot be empty or only spaces; enter a name for it.' });
    expect(relabelRequest([{ key: '', action: 'set', value: '' }])).toEqual({ ok: false, problem: 'Nothing to change yet: add a label to set or a key to remove.' });
    expect(relabelRequest([{ key: 'a', action: 'set', value: '1' }, { key: 'a', action: 'remove', value: '' }])).toMatchObject({ ok: false, problem: 'The key a is in two rows: keep one.' });
    expect(relabelRequest([{ key: '', action: 'set', value: 'v' }])).toEqual({ ok: false, problem: 'Label 1 has a value but no key: type the key, or clear the row.' });
    expect(labelSummary(fixture())).toEqual([{ key: 'stage', values: [{ value: 'prod', count: 4 }, { value: 'canary', count: 1 }] }]);
  });

  it('changes exactly the selected versions, and Undo puts them all back', async () => {
    setSearch('iris');
    selectAllMatching();
    openRelabel(selectBulkScope(getState()).tags);
    setRelabelRow(0, { key: 'stage', action: 'set', value: 'archived' });
    addRelabelRow();
    setRelabelRow(1, { key: 'team', action: 'set', value: 'vision' });
    await applyRelabel();
    expect(getBulk().relabel).toBeNull();
    const byTag = new Map(main.versions.map((x) => [x.tag, x.labels]));
    for (const t of ['iris_clf:i1', 'iris_clf:i2', 'iris_clf:i3', 'iris_rf:r1']) expect(byTag.get(t)).toEqual({ stage: 'archived', team: 'vision' });
    expect(byTag.get('bert_ner:b1')).toEqual({ stage: 'prod' });
    const notice = getState().notices.at(-1);
    expect(notice?.text).toBe('Relabelled 4 versions');
    notice?.actions.find((a) => a.label === 'Undo')?.run();
    await tick();
    await tick();
    const after = new Map(main.versions.map((x) => [x.tag, x.labels]));
    expect(after.get('iris_clf:i2')).toEqual({ stage: 'canary' });
    expect(after.get('iris_rf:r1')).toEqual({ stage: 'prod' });
  });
});

describe('the bulk export notice', () => {
  it('says what was written, what was left alone because the name was taken, and a cancel', () => {
    const base = { folder: '/home/ana/out', failed: [] };
    expect(exportSentences({ ...base, written: [{ tag: 'a:1', path: '/home/ana/out/a-1.bentomodel' }], taken: [], cancelled: false }, 1)).toEqual({ text: 'Exported 1 version to out', detail: '' });
    const taken = exportSentences({ ...base, written: [{ tag: 'a:1', path: 'x' }], taken: [{ tag: 'a:2', path: 'y' }], cancelled: false }, 2);
    expect(taken.text).toBe('Exported 1 of 2 versions to out');
    expect(taken.detail).toBe('1 version not written: a file with its name is already in the folder, and it was left as it was.');
    const cancelled = exportSentences({ ...base, written: [{ tag: 'a:1', path: 'x' }], taken: [], cancelled: true }, 3);
    expect(cancelled).toEqual({ text: 'Export cancelled after 1 of 3 versions', detail: 'The archive already written stays in out.' });
    expect(exportSentences({ ...base, written: [], taken: [], cancelled: true }, 3)).toEqual({ text: 'Export cancelled; nothing was written', detail: '' });
  });
});

describe('a bulk task in the status bar', () => {
  it('reads "k of N" from the version its progress names, before that version\'s bytes', () => {
    const task = { id: 't', kind: 'export' as const, label: 'Exporting 3 versions', startedAt: 0, lastAt: 0, speed: 0, steps: ['a:1', 'b:2', 'c:3'] };
    expect(progressText({ ...task, progress: null })).toBe('Waiting for a folder…');
    expect(progressText({ ...task, progress: { taskId: 't', phase: 'compressing', bytesDone: 512, bytesTotal: 2048, current: 'b:2' } })).toBe('2 of 3 · Compressing 512 B of 2.00 KiB');
    // A single export keeps its words.
    const { steps: _steps, ...single } = task;
    expect(progressText({ ...single, progress: null })).toBe('Waiting for a file name…');
  });
});
