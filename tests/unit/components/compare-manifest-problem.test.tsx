// Compare with a manifest main could not read (damaged, too big): the window shows main's
// sentence and says the content was not checked because of it, never "no manifest".
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CompareDialog } from '../../../src-renderer/components/compare/CompareDialog.tsx';
import { setApi } from '../../../src-renderer/state/bridge.ts';
import type { ShelfApi } from '../../../src-main/shared/ipc-contract.ts';
import type { ModelDetail } from '../../../src-main/shared/model-types.ts';
import { makeVersion } from '../../mocks/fake-versions.ts';

const DAMAGED = "The recorded manifest of iris:v2 is damaged or in a format this Model Shelf cannot read, so Compare cannot use its hashes; `model-shelf verify iris:v2` records a new one.";

function detail(version: string, ms: number): ModelDetail {
  return {
    version: makeVersion('iris', version, ms, 100),
    yamlText: '',
    files: [
      { name: 'model.yaml', kind: 'file', size: 10 },
      { name: 'weights.bin', kind: 'file', size: 90 },
    ],
    usedBy: [],
  };
}

/** Main as Compare sees it: two versions; v1's manifest is recorded, v2's cannot be read. */
function api(): ShelfApi {
  const details: Record<string, ModelDetail> = { 'iris:v1': detail('v1', 1_000), 'iris:v2': detail('v2', 2_000) };
  const request = {
    'model:get': ({ tag }: { tag: string }) => Promise.resolve({ ok: true, value: details[tag] }),
    'model:manifest': ({ tag }: { tag: string }) =>
      Promise.resolve(
        tag === 'iris:v2'
          ? { ok: false, error: { code: 'BROKEN_MODEL', message: DAMAGED } }
          : {
              ok: true,
              value: { tag, manifest: { recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'model-shelf 0.1.0', atSave: true, files: [{ path: 'weights.bin', size: 90, sha256: 'a'.repeat(64) }], stale: false, staleFiles: [] } },
            },
      ),
  };
  return { request } as unknown as ShelfApi;
}

describe('Compare with an unreadable manifest', () => {
  it("shows main's sentence and says why the content was not checked", async () => {
    setApi(api());
    try {
      render(<CompareDialog tags={['iris:v1', 'iris:v2']} onClose={() => undefined} />);
      const files = await screen.findByRole('region', { name: 'Files' });
      expect(within(files).getByRole('note')).toHaveTextContent(DAMAGED);
      expect(within(files).getByRole('heading')).toHaveTextContent('Files the same 1 by path and size; content of 1 not checked (a manifest could not be read)');
      expect(within(files).getByRole('row', { name: /weights\.bin/ })).toHaveTextContent('not checked (manifest unreadable)');
      expect(files).not.toHaveTextContent('no manifest');
    } finally {
      setApi(null);
    }
  });
});
