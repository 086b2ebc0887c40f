// The transfer progress bar (push/pull on a terminal): speed and time left from the first event
// of a phase, on the same line as the bar; nothing at all when stderr is not a terminal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src-main/cli/progress-bar.ts';

function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let out = '';
  const stream = { isTTY, write: (s: string) => ((out += s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => out };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('progress bar with rate', () => {
  it('shows speed and time left once a phase has run for a moment', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const err = fakeStderr(true);
    const bar = progressBar(err.stream, 'iris:v1', { rate: true });
    const MiB = 1024 * 1024;
    bar.onProgress({ id: 'p', phase: 'uploading', bytesDone: 0, bytesTotal: 100 * MiB });
    vi.setSystemTime(new Date('2026-01-01T00:00:02Z'));
    bar.onProgress({ id: 'p', phase: 'uploading', bytesDone: 20 * MiB, bytesTotal: 100 * MiB });
    const last = err.text().split('\r\x1b[2K').at(-1);
    expect(last).toBe('iris:v1 uploading [#####-------------------]  20% 20.00 MiB / 100.00 MiB 10.00 MiB/s 8 s left');
    vi.setSystemTime(new Date('2026-01-01T00:00:04Z'));
    bar.onProgress({ id: 'p', phase: 'uploading', bytesDone: 21 * MiB, bytesTotal: 1000 * MiB });
    expect(err.text().split('\r\x1b[2K').at(-1)).toMatch(/ 5.25 MiB\/s 3 min 6 s left$/);
    bar.clear();
    expect(err.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal, and no rate without the option', () => {
    const pipe = fakeStderr(false);
    progressBar(pipe.stream, 'x', { rate: true }).onProgress({ id: 'p', phase: 'downloading', bytesDone: 1, bytesTotal: 2 });
    expect(pipe.text()).toBe('');
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const tty = fakeStderr(true);
    const bar = progressBar(tty.stream, 'x');
    bar.onProgress({ id: 'p', phase: 'copying', bytesDone: 0, bytesTotal: 10 });
    vi.setSystemTime(new Date('2026-01-01T00:00:05Z'));
    bar.onProgress({ id: 'p', phase: 'copying', bytesDone: 5, bytesTotal: 10 });
    expect(tty.text()).not.toContain('/s');
  });
});
