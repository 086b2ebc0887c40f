// A window that asks for many previews at once (a hostile renderer, design §6): each preview
// holds up to 4 MiB of image and its base64 copy in main, so 2,000 at once would take main's
// memory (200 concurrent 4 MiB images peaked at 2.9 GB). Main reads a few at a time, and every
// request is still answered. Counted by the files of versions open at the same moment.
import { promises as fsp } from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readyHarness } from './service-helpers.ts';
import { seedVersion } from './watcher-helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('many previews at once', () => {
  it('are all answered, reading at most 4 files of versions at any moment', { timeout: 120_000 }, async () => {
    const h = await readyHarness({ beforeReady: (h) => seedVersion(h.models, 'iris', 'v1', new Date(Date.UTC(2025, 0, 1))) });
    const versionDir = path.join(h.models, 'iris', 'v1');
    const png = Buffer.alloc(512 * 1024, 7);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    await fsp.writeFile(path.join(versionDir, 'logo.png'), png);

    let open = 0;
    let most = 0;
    const realOpen = fsPromises.open.bind(fsPromises);
    vi.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof fsPromises.open>) => {
      const fh = await realOpen(...args);
      if (!String(args[0]).startsWith(versionDir)) return fh;
      open += 1;
      most = Math.max(most, open);
      const close = fh.close.bind(fh);
      fh.close = async () => {
        open -= 1;
        return close();
      };
      return fh;
    });

    const answers = await Promise.all(Array.from({ length: 200 }, () => h.service.handlers['version:file']({ tag: 'iris:v1', path: 'logo.png' })));
    expect(answers.every((a) => a.ok && a.value.kind === 'image' && a.value.bytesRead === png.length)).toBe(true);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(4);
  });
});
