// A version's integrity in the detail view: model:integrity (its manifest, nothing hashed) and
// models:verify on demand (progress and cancel by task id).
import type { IntegrityInfo, VerifyResult } from '../../../src-main/shared/integrity-types.ts';
import { call } from '../bridge.ts';
import { notifyError } from '../actions/notices.ts';
import { newTaskId } from '../actions/tasks.ts';
import { absoluteTime, count } from '../format.ts';
import { hk, setHk } from './hk-store.ts';
import { listenToProgress } from './disk-use.ts';

export async function loadIntegrity(tag: string): Promise<void> {
  const result = await call('model:integrity', { tag });
  if (result.ok) setHk({ integrity: { ...hk().integrity, [tag]: result.value } });
}

export async function verifyVersion(tag: string): Promise<void> {
  if (hk().verifying[tag]) return;
  listenToProgress();
  const taskId = newTaskId();
  setHk({ verifying: { ...hk().verifying, [tag]: { taskId, progress: null } } });
  const result = await call('models:verify', { taskId, tags: [tag] });
  const { [tag]: _done, ...rest } = hk().verifying;
  setHk({ verifying: rest });
  if (!result.ok) {
    notifyError('Verify', result.error);
    return;
  }
  const mine = result.value.find((r) => r.tag === tag);
  if (mine) setHk({ verified: { ...hk().verified, [tag]: mine } });
  await loadIntegrity(tag);
}

export function cancelVerify(tag: string): void {
  const v = hk().verifying[tag];
  if (v) void call('task:cancel', { taskId: v.taskId });
}

export type IntegrityWords = { readonly state: 'intact' | 'changed' | 'missing' | 'recorded-now' | 'at-save' | 'not-verified' | 'skipped'; readonly title: string; readonly detail: string };

/** The detail view's one line: what a verify found, else what the manifest says. */
export function integrityWords(info: IntegrityInfo | undefined, verified: VerifyResult | undefined): IntegrityWords {
  const when = (iso: string): string => (iso ? absoluteTime(Date.parse(iso)) : 'an unknown time');
  if (verified) {
    if (verified.state === 'skipped') return { state: 'skipped', title: 'Not verified', detail: verified.note ?? 'Verify skipped this version.' };
    if (verified.state === 'changed') {
      const parts = [
        verified.changed.length ? `changed: ${verified.changed.join(', ')}` : '',
        verified.missing.length ? `missing: ${verified.missing.join(', ')}` : '',
        verified.appeared.length ? `new: ${verified.appeared.join(', ')}` : '',
      ].filter(Boolean);
      const onlyMissing = verified.changed.length === 0 && verified.appeared.length === 0 && verified.missing.length > 0;
      return {
        state: onlyMissing ? 'missing' : 'changed',
        title: onlyMissing ? 'Files missing since the manifest was recorded' : 'Files changed since the manifest was recorded',
        detail: `${parts.join('; ')}. Compared with the manifest recorded ${verified.atSave ? 'at save time' : 'later'} (${when(verified.recordedAt)}).`,
      };
    }
    if (verified.state === 'recorded') {
      return { state: 'recorded-now', title: 'Manifest recorded now', detail: `This version had no manifest; ${count(verified.files, 'file')} hashed just now, not at save time, so changes made before now cannot be seen.` };
    }
    return { state: 'intact', title: 'Verified: every file matches', detail: `${count(verified.files, 'file')} checked against the manifest recorded ${verified.atSave ? 'at save time' : 'later, not at save time'} (${when(verified.recordedAt)}).` };
  }
  if (!info) return { state: 'not-verified', title: 'Reading…', detail: '' };
  if (!info.manifest) return { state: 'not-verified', title: 'Not verified', detail: 'No manifest yet (saved by BentoML, moved in by model-shelf create --move, or before Model Shelf recorded them). Verify hashes the files and records one.' };
  const m = info.manifest;
  if (m.atSave) return { state: 'at-save', title: 'Manifest recorded at save time', detail: `${count(m.files, 'file')}, recorded by ${m.recordedBy} on ${when(m.recordedAt)}. Verify re-hashes them.` };
  return { state: 'recorded-now', title: 'Manifest recorded after the save', detail: `${count(m.files, 'file')}, recorded by ${m.recordedBy} on ${when(m.recordedAt)}, not at save time.` };
}
