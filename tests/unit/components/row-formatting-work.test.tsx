// A version row formats its size and time with shared Intl formatters (issue 13: the shown rows
// re-render on every search keystroke, and toLocaleString builds a formatter per call). Counted,
// never timed: the same text, and no toLocaleString call while rendering.
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelVersion } from '../../../src-main/shared/model-types.ts';
import { ColumnCell } from '../../../src-renderer/components/versions/VersionCells.tsx';

const v: ModelVersion = {
  tag: 'iris:abc',
  name: 'iris',
  version: 'abc',
  status: 'ok',
  module: '',
  apiVersion: 'v1',
  labels: {},
  metadata: {},
  creationTime: '2026-12-07T13:05:09.000000+00:00',
  creationTimeMs: Date.UTC(2026, 11, 7, 13, 5, 9),
  size: 1234567,
  latest: true,
  path: '/store/models/iris/abc',
};

afterEach(() => vi.restoreAllMocks());

describe('version row formatting work (issue 13)', () => {
  it('renders size and time titles without a toLocaleString call', () => {
    const sizeTitle = `${(1234567).toLocaleString('en')} bytes`;
    const timeTitle = new Date(v.creationTimeMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    const numberCalls = vi.spyOn(Number.prototype, 'toLocaleString');
    const dateCalls = vi.spyOn(Date.prototype, 'toLocaleString');
    const { container } = render(
      <div>
        <ColumnCell v={v} column="size" />
        <ColumnCell v={v} column="created" />
      </div>,
    );
    expect(container.querySelector('.vt-cell[title$="bytes"]')?.getAttribute('title')).toBe(sizeTitle);
    expect(container.querySelector('time')?.getAttribute('title')).toBe(`${timeTitle} (${v.creationTime})`);
    expect(numberCalls).not.toHaveBeenCalled();
    expect(dateCalls).not.toHaveBeenCalled();
  });
});
