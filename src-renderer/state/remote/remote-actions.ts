// What the window does with remotes: list/add/remove them, browse one (on opening it, on Refresh
// and every poll interval, so a push or pull finished elsewhere shows without a reload), and push
// or pull the selection as tasks with progress and Cancel in the status bar.
import type { ErrorInfo } from '../../../src-main/shared/errors.ts';
import type { RemoteAddArgs, RemoteTransferResult } from '../../../src-main/shared/remote-types.ts';
import { call } from '../bridge.ts';
import { count } from '../format.ts';
import { notify, notifyError } from '../actions/notices.ts';
import { endTask, startTask } from '../actions/tasks.ts';
import { getRemote, setRemote } from './remote-store.ts';

const POLL_KEY = 'model-shelf.remote-poll-seconds';
export const POLL_CHOICES = [0, 15, 60, 300] as const;

export function loadRemoteSettings(): void {
  try {
    const raw = Number(localStorage.getItem(POLL_KEY));
    if (localStorage.getItem(POLL_KEY) !== null && (POLL_CHOICES as readonly number[]).includes(raw)) setRemote({ pollSeconds: raw });
  } catch {
    // Storage off: the default interval.
  }
}

export function setPollSeconds(seconds: number): void {
  setRemote({ pollSeconds: seconds });
  try {
    localStorage.setItem(POLL_KEY, String(seconds));
  } catch {
    // Not remembered; still used in this window.
  }
}

export async function loadRemotes(): Promise<void> {
  const result = await call('remotes:list', undefined);
  if (result.ok) setRemote({ remotes: result.value });
}

/** Shows a remote (or, with null, the local store again). Opening one always asks it afresh. */
export async function openRemote(name: string | null): Promise<void> {
  const state = getRemote();
  if (name === null) {
    setRemote({ active: null });
    return;
  }
  if (state.active !== name) setRemote({ active: name, versions: null, error: null, checkedAt: null, model: null, selected: [] });
  await refreshRemote();
}

let generation = 0;

/** Asks the active remote what it holds; an answer for a remote no longer shown is dropped. */
export async function refreshRemote(): Promise<void> {
  const remote = getRemote().active;
  if (remote === null) return;
  const mine = ++generation;
  setRemote({ loading: true });
  const result = await call('remote:browse', { remote });
  if (mine !== generation || getRemote().active !== remote) return;
  if (!result.ok) {
    setRemote({ loading: false, error: result.error });
    return;
  }
  const versions = result.value;
  const names = new Set(versions.map((v) => v.name));
  const tags = new Set(versions.map((v) => v.tag));
  const { model, selected } = getRemote();
  const keptModel = model !== null && names.has(model) ? model : ([...names].sort()[0] ?? null);
  const keptSelected = keptModel === model ? selected.filter((t) => tags.has(t)) : [];
  setRemote({ loading: false, error: null, versions, checkedAt: Date.now(), model: keptModel, selected: keptSelected });
}

export function selectRemoteModel(name: string): void {
  if (getRemote().model === name) return;
  setRemote({ model: name, selected: [] });
}

/** Click = only this; toggle (Ctrl/Cmd) adds or removes it; range (Shift) from the last one. */
export function selectRemoteVersion(tag: string, mode: 'only' | 'toggle' | 'range', order: readonly string[]): void {
  const { selected } = getRemote();
  if (mode === 'toggle') {
    setRemote({ selected: selected.includes(tag) ? selected.filter((t) => t !== tag) : [...selected, tag] });
    return;
  }
  const anchor = selected.at(-1);
  if (mode === 'range' && anchor !== undefined && order.includes(anchor)) {
    const [a, b] = [order.indexOf(anchor), order.indexOf(tag)].sort((x, y) => x - y) as [number, number];
    const range = order.slice(a, b + 1).filter((t) => t !== tag);
    setRemote({ selected: [...range, tag] });
    return;
  }
  setRemote({ selected: [tag] });
}

export function selectAllRemote(order: readonly string[]): void {
  setRemote({ selected: [...order] });
}

/** The form's Test and save: null when saved (and shown), else main's one sentence for the form. */
export async function addRemote(args: RemoteAddArgs): Promise<ErrorInfo | null> {
  const result = await call('remotes:add', args);
  if (!result.ok) return result.error;
  setRemote({ addOpen: false });
  await loadRemotes();
  notify({ kind: 'success', text: `Added the remote ${result.value.name} (${result.value.url}).` });
  await openRemote(result.value.name);
  return null;
}

export async function removeRemote(name: string): Promise<void> {
  const result = await call('remotes:remove', { name });
  setRemote({ removing: null });
  if (!result.ok) {
    notifyError(`Removing the remote ${name}`, result.error);
    return;
  }
  if (getRemote().active === name) setRemote({ active: null, versions: null, model: null, selected: [] });
  await loadRemotes();
  notify({ kind: 'info', text: `Removed the remote ${name}. Its objects stay in the bucket.` });
}

function what(tags: readonly string[]): string {
  return tags.length === 1 ? (tags[0] ?? '') : count(tags.length, 'version');
}

function summary(verb: string, results: readonly RemoteTransferResult[], where: string): string {
  const done = results.filter((r) => r.outcome === 'done').map((r) => r.tag);
  const there = results.filter((r) => r.outcome === 'already-there' && r.recordWritten !== true).map((r) => r.tag);
  // A push that found the archive without its sidecar (a push stopped part-way, or BentoML's own
  // export) checked it against the local copy and wrote the record: a pull can verify it again.
  const recorded = results.filter((r) => r.outcome === 'already-there' && r.recordWritten === true).map((r) => r.tag);
  const parts: string[] = [];
  if (done.length > 0) parts.push(`${verb} ${what(done)} ${where}.`);
  if (there.length > 0) parts.push(`${what(there)} ${there.length === 1 ? 'was' : 'were'} already there.`);
  if (recorded.length === 1) parts.push(`${what(recorded)} was already there without a usable checksum record; it matched your copy, so the record is written now and a pull can check it.`);
  if (recorded.length > 1) parts.push(`${what(recorded)} were already there without usable checksum records; they matched your copies, so the records are written now and a pull can check them.`);
  return parts.join(' ') || `Nothing to ${verb.toLowerCase()}.`;
}

export async function pushTags(remote: string, tags: readonly string[]): Promise<void> {
  setRemote({ pushing: null });
  if (tags.length === 0) return;
  // Several versions: the status bar says which one is going up ("3 of 12").
  const taskId = startTask('push', `Pushing ${what(tags)} to ${remote}`, tags.length > 1 ? [...tags] : undefined);
  const result = await call('remote:push', { taskId, remote, tags });
  endTask(taskId);
  if (!result.ok) notifyError(`Pushing ${what(tags)} to ${remote}`, result.error);
  else notify({ kind: 'success', text: summary('Pushed', result.value, `to ${remote}`) });
  if (getRemote().active === remote) await refreshRemote();
}

export async function pullTags(remote: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const taskId = startTask('pull', `Pulling ${what(tags)} from ${remote}`);
  const result = await call('remote:pull', { taskId, remote, tags });
  endTask(taskId);
  if (!result.ok) notifyError(`Pulling ${what(tags)} from ${remote}`, result.error);
  else notify({ kind: 'success', text: summary('Pulled', result.value, `from ${remote}`) });
  if (getRemote().active === remote) await refreshRemote();
}
