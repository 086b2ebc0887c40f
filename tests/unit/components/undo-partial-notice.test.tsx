// An Undo that main carried out in part (some edits put back, one kept because its model.yaml
// was edited by hand since): the notice is main's sentence saying which and why, not "Undo
// failed", and the window re-reads the store as after an Undo that worked.
import { describe, expect, it } from 'vitest';
import { setApi } from '../../../src-renderer/state/bridge.ts';
import { undoEdits } from '../../../src-renderer/state/housekeeping/label-edit.ts';
import { getState } from '../../../src-renderer/state/store.ts';
import type { ShelfApi } from '../../../src-main/shared/ipc-contract.ts';

const PARTLY = "Put back 'iris:v2' and 'iris:v3', but 'iris:v1' was changed after that edit, so the later change was kept and the edit was not undone (its undo stays in the trash).";

function api(error: { code: string; message: string; details?: Record<string, unknown> }, asked: string[]): ShelfApi {
  const request = new Proxy(
    {},
    {
      get: (_, channel: string) => () => {
        asked.push(channel);
        return Promise.resolve(channel === 'model:undo-edit' ? { ok: false, error } : { ok: false, error: { code: 'INTERNAL', message: 'not in this test' } });
      },
    },
  );
  return { request } as unknown as ShelfApi;
}

describe('Undo of several edits, done in part', () => {
  it("shows main's sentence as the notice and re-reads the store", async () => {
    const asked: string[] = [];
    setApi(api({ code: 'ALREADY_EXISTS', message: PARTLY, details: { restored: ['iris:v2', 'iris:v3'], kept: [] } }, asked));
    try {
      await undoEdits(['1-a', '2-b', '3-c']);
      expect(getState().notices.map((n) => n.text)).toEqual([PARTLY]);
      expect(asked).toEqual(['model:undo-edit', 'store:snapshot']);
    } finally {
      setApi(null);
    }
  });

  it('an Undo that put back nothing still says it failed', async () => {
    const asked: string[] = [];
    setApi(api({ code: 'NOT_FOUND', message: "There is no edit '1-a' in the trash to undo (it was undone or the trash was emptied)." }, asked));
    try {
      await undoEdits(['1-a']);
      expect(getState().notices.map((n) => [n.text.startsWith('Undo failed'), n.detail])).toEqual([[true, "There is no edit '1-a' in the trash to undo (it was undone or the trash was emptied)."]]);
      expect(asked).toEqual(['model:undo-edit']);
    } finally {
      setApi(null);
    }
  });
});
