// Store actions against the typed fake of main (tests/mocks/fake-main.ts: the IPC contract, not a
// mock of calls): outcomes are read from the store state and from the fake's own "disk".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestChannel } from '../../src-main/shared/ipc-contract.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';
import { setApi } from '../../src-renderer/state/bridge.ts';
import { addItems, addLabelRow, setField, updateLabel } from '../../src-renderer/state/actions/create-form-edit.ts';
import { cancelCreate, closeCreate, commitCreate, NOTHING_WRITTEN, openCreate } from '../../src-renderer/state/actions/create-model.ts';
import { confirmDelete, requestDelete } from '../../src-renderer/state/actions/delete.ts';
import { clearNotices } from '../../src-renderer/state/actions/notices.ts';
import { collapseSelection, selectAllIn, selectName, selectTag } from '../../src-renderer/state/actions/selection.ts';
import { exportActive, importFiles } from '../../src-renderer/state/actions/io.ts';
import { startApp, stopApp } from '../../src-renderer/state/actions/store-actions.ts';
import { cancelTask } from '../../src-renderer/state/actions/tasks.ts';
import { deleteQuestion } from '../../src-renderer/state/delete-words.ts';
import { getState, resetApp } from '../../src-renderer/state/store.ts';
import { FakeMain } from '../mocks/fake-main.ts';

function version(name: string, ver: string, ms: number, size: number): ModelVersion {
  return { tag: `${name}:${ver}`, name, version: ver, status: 'ok', module: '', apiVersion: 'v1', labels: {}, metadata: {}, creationTime: new Date(ms).toISOString(), creationTimeMs: ms, size, latest: false, path: `/h/models/${name}/${ver}` };
}

// What the window starts on: two models, and a bento that uses iris_clf:aaaa.
const fixture = () => ({
  versions: [version('iris_clf', 'bbbb', 2000, 1024), version('bert_ner', 'cccc', 1500, 2048), version('iris_clf', 'aaaa', 1000, 512)],
  bentos: { 'iris_clf:aaaa': ['svc:1'] },
});

const tick = () => new Promise((r) => setTimeout(r, 0));
let main: FakeMain;

beforeEach(async () => {
  resetApp();
  main = new FakeMain(fixture());
  setApi(main.api());
  await startApp(() => undefined);
});
afterEach(() => {
  stopApp();
  clearNotices();
  setApi(null);
});

function fillForm(name: string): void {
  openCreate();
  addItems([{ path: '/tmp/x/model.pkl', name: 'model.pkl', kind: 'file', size: 100, hasModelYaml: false, isArchive: false }]);
  setField('name', name);
  const id = addLabelRow();
  updateLabel(id, { key: 'owner', value: 'ml-team' });
}

describe('renderer store actions', () => {
  it('opens on the newest model and keeps the selection when the store changes outside', () => {
    expect(getState().activeName).toBe('iris_clf');
    expect(getState().activeTag).toBe('iris_clf:bbbb');
    selectName('bert_ner');
    main.versions.push(version('zzz_new', 'dddd', 99_000, 1));
    main.versions = main.versions.filter((v) => v.tag !== 'iris_clf:aaaa');
    main.changed();
    expect(getState().snapshot?.versions).toHaveLength(3);
    expect(getState().activeName).toBe('bert_ner');
    expect(getState().activeTag).toBe('bert_ner:cccc');
    // An older push arriving late is ignored.
    main.push('store:changed', { ...main.snapshot(), revision: 0, versions: [] });
    expect(getState().snapshot?.versions).toHaveLength(3);
  });

  it('keeps the snapshot it has when the same revision comes again, and applies another store', () => {
    const held = getState().snapshot;
    main.push('store:changed', main.snapshot());
    expect(getState().snapshot).toBe(held);
    // Another store applies even when its count is lower (a restarted service).
    main.push('store:changed', { ...main.snapshot(), home: '/other', modelsDir: '/other/models', revision: 0, versions: [version('fraud_xgb', 'eeee', 5000, 1)] });
    expect(getState().snapshot?.home).toBe('/other');
    expect(getState().activeName).toBe('fraud_xgb');
  });

  it('creates a model, shows it and says so', async () => {
    fillForm('Iris_CLF');
    await commitCreate();
    expect(getState().createOpen).toBe(false);
    expect(main.versions.some((v) => v.tag === 'iris_clf:gen1')).toBe(true);
    expect(getState().activeTag).toBe('iris_clf:gen1');
    const notice = getState().notices.at(-1)!;
    expect(notice.text).toBe('Created iris_clf:gen1');
    expect(notice.actions.map((a) => a.label)).toEqual(['Show', 'Copy Python']);
    expect(getState().tasks).toEqual([]);
  });

  it('shows the new model once the push that contains it arrives', async () => {
    main.pushLater = true;
    selectName('bert_ner');
    fillForm('iris_clf');
    await commitCreate();
    expect(getState().activeName).toBe('bert_ner');
    main.changed();
    expect(getState().activeName).toBe('iris_clf');
    expect(getState().activeTag).toBe('iris_clf:gen1');
  });

  it('keeps the form filled and explains a failure', async () => {
    main.failCommitWith = 'ALREADY_EXISTS';
    fillForm('iris_clf');
    await commitCreate();
    const s = getState();
    expect(s.createOpen).toBe(true);
    expect(s.createError?.code).toBe('ALREADY_EXISTS');
    expect(s.form.name).toBe('iris_clf');
    expect(s.form.labels[0]).toMatchObject({ key: 'owner', value: 'ml-team' });
    expect(s.form.items).toHaveLength(1);
    expect(s.createPhase).toBe('editing');
  });

  it('cancels a running copy: nothing is written and the form stays', async () => {
    main.holdAdd = true;
    fillForm('iris_clf');
    const running = commitCreate();
    await tick();
    await tick();
    expect(getState().createPhase).toBe('running');
    expect(getState().tasks[0]?.progress?.bytesDone).toBe(50);
    await cancelCreate();
    await running;
    expect(getState().createNote).toBe(NOTHING_WRITTEN);
    expect(getState().createOpen).toBe(true);
    expect(main.staged.size).toBe(0);
    expect(main.versions).toHaveLength(3);
  });

  it('lets the sheet hide during a copy and reports the outcome as a notice', async () => {
    main.holdAdd = true;
    fillForm('iris_clf');
    const running = commitCreate();
    await tick();
    closeCreate();
    expect(getState().createOpen).toBe(false);
    expect(getState().tasks).toHaveLength(1);
    await cancelCreate();
    await running;
    expect(getState().notices.at(-1)?.text).toBe(NOTHING_WRITTEN);
    expect(getState().form.name).toBe('iris_clf');
    expect(main.versions).toHaveLength(3);
  });

  it('creates with one request under the task id it shows, and Cancel names that id', async () => {
    main.holdAdd = true;
    fillForm('iris_clf');
    const running = commitCreate();
    await tick();
    const task = getState().tasks[0]!;
    expect(task.label).toBe('Creating iris_clf');
    expect(getState().createTaskId).toBe(task.id);
    await cancelCreate();
    await running;
    const asked = main.requests.filter((r) => r.channel.startsWith('models:') || r.channel.startsWith('task:'));
    expect(asked.map((r) => [r.channel, (r.arg as { taskId: string }).taskId])).toEqual([
      ['models:create', task.id],
      ['task:cancel', task.id],
    ]);
    expect(asked[0]?.arg).toMatchObject({ name: 'iris_clf', labels: { owner: 'ml-team' }, paths: ['/tmp/x/model.pkl'], root: false });
  });

  it('an export and an import at once: each progress lands on its own row, and Cancel names its own task', async () => {
    main.holdTransfers = true;
    const exporting = exportActive();
    const importing = importFiles(['/tmp/in/bert_ner.bentomodel']);
    await tick();
    const rows = getState().tasks;
    expect(rows.map((t) => [t.kind, t.label])).toEqual([
      ['export', 'Exporting iris_clf:bbbb'],
      ['import', 'Importing bert_ner.bentomodel'],
    ]);
    const [exportRow, importRow] = rows;
    expect(exportRow!.id).not.toBe(importRow!.id);
    const sent = (channel: RequestChannel) => (main.requests.find((r) => r.channel === channel)?.arg as { taskId?: string }).taskId;
    expect(sent('models:export')).toBe(exportRow!.id);
    expect(sent('models:import')).toBe(importRow!.id);

    // A phase that says nothing about the kind of task, for the row started second: it lands there.
    main.push('task:progress', { taskId: importRow!.id, phase: 'scanning', bytesDone: 30, bytesTotal: 100 });
    // Progress of a task main started by itself (a file opened from the OS) has no row.
    main.push('task:progress', { taskId: 'opened-1', phase: 'extracting', bytesDone: 70, bytesTotal: 100 });
    const progressOf = (id: string) => getState().tasks.find((t) => t.id === id)?.progress?.bytesDone ?? null;
    expect(progressOf(exportRow!.id)).toBeNull();
    expect(progressOf(importRow!.id)).toBe(30);
    main.push('task:progress', { taskId: exportRow!.id, phase: 'compressing', bytesDone: 10, bytesTotal: 100 });
    expect(progressOf(exportRow!.id)).toBe(10);
    expect(progressOf(importRow!.id)).toBe(30);

    await cancelTask(exportRow!.id);
    expect(main.requests.at(-1)).toEqual({ channel: 'task:cancel', arg: { taskId: exportRow!.id } });
    for (const release of main.held.values()) release();
    await Promise.all([exporting, importing]);
    expect(getState().tasks).toEqual([]);
    expect(getState().notices.map((n) => n.text)).toEqual(['Exported iris_clf:bbbb', 'Imported bert_ner:imp1']);
  });

  it('deletes several versions after saying what and how much, warns about bentos, and undoes', async () => {
    selectTag('iris_clf:bbbb');
    selectTag('iris_clf:aaaa', 'toggle');
    await requestDelete('versions');
    const req = getState().deleteRequest!;
    expect(deleteQuestion(req)).toBe('Move 2 versions of iris_clf (1.50 KiB) to the trash? You can restore them until you empty the trash.');
    expect(req.usage?.['iris_clf:aaaa']).toEqual(['svc:1']);
    await confirmDelete();
    expect(getState().snapshot?.versions.map((v) => v.tag)).toEqual(['bert_ner:cccc']);
    expect(getState().activeName).toBe('bert_ner');
    const notice = getState().notices.at(-1)!;
    expect(notice.text).toBe('Moved 2 versions (1.50 KiB) to the trash');
    notice.actions.find((a) => a.label === 'Undo')!.run();
    await tick();
    await tick();
    expect(getState().snapshot?.versions.map((v) => v.tag).sort()).toEqual(['bert_ner:cccc', 'iris_clf:aaaa', 'iris_clf:bbbb']);
  });

  it('selects every version with select-all and collapses back to the active one', () => {
    selectAllIn('versions');
    expect(getState().selectedTags).toEqual(['iris_clf:bbbb', 'iris_clf:aaaa']);
    expect(collapseSelection('versions')).toBe(true);
    expect(getState().selectedTags).toEqual(['iris_clf:bbbb']);
    expect(collapseSelection('versions')).toBe(false);
  });

  it('deletes whole models by name', async () => {
    selectName('iris_clf');
    selectName('bert_ner', 'toggle');
    await requestDelete('names');
    const req = getState().deleteRequest!;
    expect(req.tags).toHaveLength(3);
    expect(deleteQuestion(req)).toBe('Move 2 models (3 versions, 3.50 KiB) to the trash? You can restore them until you empty the trash.');
  });
});
