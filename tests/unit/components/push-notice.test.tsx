// The notice a push leaves in the window: what went up, what was already there, and, when the
// push found an archive without its checksum record (a push stopped part-way, or BentoML's own
// export) and wrote it, that it did so. Read as a user reads it, from the notices on screen.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RemoteTransferResult } from '../../../src-main/shared/remote-types.ts';
import { Notices } from '../../../src-renderer/components/Notices.tsx';
import { setApi } from '../../../src-renderer/state/bridge.ts';
import { pushTags } from '../../../src-renderer/state/remote/remote-actions.ts';
import { startWindow } from './start-window.ts';

const result = (tag: string, outcome: RemoteTransferResult['outcome'], recordWritten?: boolean): RemoteTransferResult => ({
  tag,
  uri: `s3://shelf/team/${tag.replace(':', '/')}.bentomodel`,
  outcome,
  bytes: outcome === 'done' ? 1024 : 0,
  sha256: 'a'.repeat(64),
  ...(recordWritten === undefined ? {} : { recordWritten }),
});

/** Pushes `tags` to team on a main whose push answers `results`, and returns the notice's text. */
async function noticeAfterPush(results: RemoteTransferResult[]): Promise<string> {
  const main = await startWindow();
  const api = main.api();
  setApi({ ...api, request: { ...api.request, 'remote:push': () => Promise.resolve({ ok: true, value: results }) } });
  render(<Notices />);
  await pushTags(
    'team',
    results.map((r) => r.tag),
  );
  const notices = await screen.findAllByRole('status');
  return notices.map((n) => n.textContent).join('\n');
}

describe('the push notice', () => {
  it('says a version was pushed', async () => {
    expect(await noticeAfterPush([result('iris:v1', 'done')])).toBe('Pushed iris:v1 to team.');
  });

  it('says a version was already there when nothing was needed', async () => {
    expect(await noticeAfterPush([result('iris:v1', 'already-there', false)])).toBe('iris:v1 was already there.');
  });

  it('says when the push wrote the missing checksum record of a version already there', async () => {
    expect(await noticeAfterPush([result('iris:v1', 'already-there', true)])).toBe(
      'iris:v1 was already there without a usable checksum record; it matched your copy, so the record is written now and a pull can check it.',
    );
  });

  it('counts each kind apart when a push of several versions had all three', async () => {
    const text = await noticeAfterPush([
      result('iris:v1', 'done'),
      result('iris:v2', 'done'),
      result('iris:v3', 'already-there'),
      result('iris:v4', 'already-there', true),
      result('iris:v5', 'already-there', true),
    ]);
    expect(text).toBe(
      'Pushed 2 versions to team. iris:v3 was already there. 2 versions were already there without usable checksum records; they matched your copies, so the records are written now and a pull can check them.',
    );
  });
});
