// One zustand store made of slices (design §5). Actions live in ./actions as plain functions.
import { create } from 'zustand';
import { initialCreate, type CreateSlice } from './slices/create-slice.ts';
import { initialDialogs, type DialogsSlice } from './slices/dialogs-slice.ts';
import { initialFilter, type FilterSlice } from './slices/filter-slice.ts';
import { initialFix, type FixSlice } from './slices/fix-slice.ts';
import { initialLayout, type LayoutSlice } from './slices/layout-slice.ts';
import { initialNotices, type NoticesSlice } from './slices/notices-slice.ts';
import { initialSelection, type SelectionSlice } from './slices/selection-slice.ts';
import { initialSnapshot, type SnapshotSlice } from './slices/snapshot-slice.ts';
import { initialTasks, type TasksSlice } from './slices/tasks-slice.ts';
import { initialTrash, type TrashSlice } from './slices/trash-slice.ts';

export type AppState = SnapshotSlice &
  SelectionSlice &
  FilterSlice &
  CreateSlice &
  TasksSlice &
  NoticesSlice &
  TrashSlice &
  DialogsSlice &
  LayoutSlice &
  FixSlice;

export const initialState = (): AppState => ({
  ...initialSnapshot(),
  ...initialSelection(),
  ...initialFilter(),
  ...initialCreate(),
  ...initialTasks(),
  ...initialNotices(),
  ...initialTrash(),
  ...initialDialogs(),
  ...initialLayout(),
  ...initialFix(),
});

export const useApp = create<AppState>()(() => initialState());

export const getState = (): AppState => useApp.getState();
export const setState = useApp.setState;

/** Tests start every case from a clean store (zustand docs: resetting stores). */
export function resetApp(): void {
  useApp.setState(initialState(), true);
}
