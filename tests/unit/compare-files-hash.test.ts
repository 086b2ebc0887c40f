// Compare's files by the hashes both manifests recorded (issue 12 view 14): a same-size file whose
// SHA-256 differs is changed, the same hash is unchanged, and without a trustworthy manifest on
// both sides the content is said to be not checked (never guessed, never hashed in the window).
import { describe, expect, it } from 'vitest';
import { diffFiles, fileChangeText, filesSummary, type ManifestOf } from '../../src-renderer/state/compare/compare-versions.ts';

const f = (name: string, size: number) => ({ name, kind: 'file' as const, size });
const H = (c: string) => c.repeat(64);
const manifest = (files: Record<string, [number, string]>, staleFiles: string[] = []): ManifestOf => ({
  recordedAt: '2026-12-07T10:00:00.000Z',
  recordedBy: 'create',
  atSave: true,
  files: Object.entries(files).map(([path, [size, sha256]]) => ({ path, size, sha256 })),
  stale: staleFiles.length > 0,
  staleFiles,
});

const a = [f('model.yaml', 300), f('w.bin', 10), f('conf.json', 7), f('same.txt', 4), f('old', 1)];
const b = [f('model.yaml', 310), f('w.bin', 12), f('conf.json', 7), f('same.txt', 4), f('new', 1)];
const ma = manifest({ 'model.yaml': [300, H('0')], 'w.bin': [10, H('1')], 'conf.json': [7, H('2')], 'same.txt': [4, H('3')], old: [1, H('4')] });
const mb = manifest({ 'model.yaml': [310, H('9')], 'w.bin': [12, H('5')], 'conf.json': [7, H('6')], 'same.txt': [4, H('3')], new: [1, H('7')] });
const text = (rows: ReturnType<typeof diffFiles>) => rows.map((r) => `${r.path} ${r.change} ${fileChangeText(r)}`.trim());

describe('compare files by recorded hash', () => {
  it('marks a same-size file with another SHA-256 as changed and the same SHA-256 as unchanged', () => {
    const rows = diffFiles(a, b, ma, mb);
    expect(text(rows)).toEqual(['new added added', 'old removed removed', 'conf.json changed same size, content differs', 'w.bin changed changed', 'same.txt same']);
    expect(filesSummary(rows)).toBe('4 of 5 differ');
    expect(filesSummary(diffFiles([f('same.txt', 4)], [f('same.txt', 4)], ma, mb))).toBe('the same 1 by path, size and content');
  });

  it('says "not checked (no manifest)" when either side has none, whichever side', () => {
    for (const [x, y] of [[ma, null], [null, mb], [null, null]] as const) {
      const rows = diffFiles(a, b, x, y);
      expect(text(rows)).toEqual(['new added added', 'old removed removed', 'w.bin changed changed', 'conf.json same not checked (no manifest)', 'same.txt same not checked (no manifest)']);
      expect(filesSummary(rows)).toBe('3 of 5 differ; content of 2 not checked (no manifest)');
    }
    expect(filesSummary(diffFiles([f('s', 4)], [f('s', 4)]))).toBe('the same 1 by path and size; content of 1 not checked (no manifest)');
  });

  it('does not trust a recorded hash of a file changed since (stale) or missing from the manifest', () => {
    const staleB = manifest({ 'w.bin': [12, H('5')], 'conf.json': [7, H('2')], 'same.txt': [4, H('3')], new: [1, H('7')] }, ['conf.json']);
    const rows = diffFiles(a, b, ma, staleB);
    // conf.json: the hashes agree but b's file changed after its manifest: not checked, not "same".
    expect(text(rows).slice(3)).toEqual(['conf.json same not checked (manifest out of date)', 'same.txt same']);
    const partial = manifest({ 'w.bin': [12, H('5')] });
    expect(text(diffFiles(a, b, ma, partial)).slice(3)).toEqual(['conf.json same not checked (manifest out of date)', 'same.txt same not checked (manifest out of date)']);
  });

  it('compares links by their recorded target', () => {
    const link = (target: string): ManifestOf => ({ ...manifest({})!, files: [{ path: 'cur', size: 5, link: target }] });
    expect(text(diffFiles([f('cur', 5)], [f('cur', 5)], link('v1/ab'), link('v2/ab')))).toEqual(['cur changed same size, content differs']);
    expect(text(diffFiles([f('cur', 5)], [f('cur', 5)], link('v1/ab'), link('v1/ab')))).toEqual(['cur same']);
  });
});
