import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShelfError } from '../../src-main/shared/errors.ts';
import { scanName, scanStore } from '../../src-main/store/read/scan.ts';
import { bentomlStyleYaml, tempHome, time, writeLatestFile, writeVersion } from './scan-fixtures.ts';

let home: string;
beforeEach(async () => {
  home = await tempHome('shelf-scan-');
});
afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('scanStore on a healthy store', () => {
  it('lists every version newest first across names, with BentoML sizes and the latest flag', async () => {
    await writeVersion(home, 'iris_clf', 'aaa', { creationTime: time(1), labels: { stage: 'dev' }, files: { 'model.pkl': 4000 } });
    await writeVersion(home, 'iris_clf', 'bbb', { creationTime: time(3), files: { 'sub/.hidden': 10 } });
    await writeVersion(home, 'xgb', 'v1', { creationTime: time(2) });
    await writeLatestFile(home, 'iris_clf', 'bbb');
    await writeLatestFile(home, 'xgb', 'v1');
    const { versions, problems } = await scanStore(home);
    expect(problems).toEqual([]);
    expect(versions.map((v) => [v.tag, v.latest, v.status])).toEqual([
      ['iris_clf:bbb', true, 'ok'],
      ['xgb:v1', true, 'ok'],
      ['iris_clf:aaa', false, 'ok'],
    ]);
    const aaa = versions[2]!;
    const yamlBytes = Buffer.byteLength(bentomlStyleYaml('iris_clf', 'aaa', time(1), { stage: 'dev' }));
    expect(aaa).toMatchObject({
      name: 'iris_clf',
      version: 'aaa',
      module: '',
      apiVersion: 'v1',
      labels: { stage: 'dev' },
      creationTime: time(1),
      creationTimeMs: Date.UTC(2025, 2, 14, 9, 26, 1),
      size: yamlBytes + 4000,
      path: path.join(home, 'models', 'iris_clf', 'aaa'),
    });
    expect(aaa.metadata).toMatchObject({ accuracy: 0.9667, params: { max_depth: 4 } });
    expect(aaa.problem).toBeUndefined();
  });

  it('orders by the exact instant (microseconds, offsets) and keeps dir/version order on ties', async () => {
    await writeVersion(home, 'b', 'v2', { creationTime: time(5) });
    await writeVersion(home, 'b', 'v1', { creationTime: time(5) });
    await writeVersion(home, 'a', 'v9', { creationTime: time(5) });
    await writeVersion(home, 'a', 'v3', { creationTime: time(5, 1) });
    await writeVersion(home, 'c', 'v1', { creationTime: '2025-03-14T10:26:05.000002+01:00' });
    const { versions } = await scanStore(home);
    expect(versions.map((v) => v.tag)).toEqual(['c:v1', 'a:v3', 'a:v9', 'b:v1', 'b:v2']);
  });

  it('returns nothing for a home without models/', async () => {
    await fs.rm(path.join(home, 'models'), { recursive: true });
    expect(await scanStore(home)).toEqual({ versions: [], problems: [] });
  });

  it('follows symlinked name and version directories like Path.is_dir()', async () => {
    const elsewhere = await tempHome('shelf-scan-link-');
    try {
      await writeVersion(elsewhere, 'linked', 'v1', { creationTime: time(1) });
      await writeVersion(elsewhere, 'other', 'v7', { creationTime: time(2) });
      await fs.symlink(path.join(elsewhere, 'models', 'linked'), path.join(home, 'models', 'linked'));
      await writeVersion(home, 'other', 'v1', { creationTime: time(1) });
      await fs.symlink(path.join(elsewhere, 'models', 'other', 'v7'), path.join(home, 'models', 'other', 'v7'));
      const { versions } = await scanStore(home);
      expect(versions.map((v) => v.tag).sort()).toEqual(['linked:v1', 'other:v1', 'other:v7']);
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('scanStore reports, never throws (§9.3)', () => {
  it('flags incomplete and broken versions and keeps listing the healthy ones', async () => {
    await writeVersion(home, 'iris', 'good', { creationTime: time(1) });
    await writeVersion(home, 'iris', 'nofile', { yaml: null, files: { 'weights.bin': 100 } });
    await writeVersion(home, 'iris', 'empty', { yaml: '' });
    await writeVersion(home, 'iris', 'nullmeta', { yaml: bentomlStyleYaml('iris', 'nullmeta', time(2)).replace('  dataset: iris', '  dataset: null') });
    await writeVersion(home, 'iris', 'renamed', { yaml: bentomlStyleYaml('iris', 'other', time(3)) });
    await writeVersion(home, 'iris', 'syntax', { yaml: 'name: [iris\n' });
    await writeLatestFile(home, 'iris', 'good');
    const { versions, problems } = await scanStore(home);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      ['good', 'ok'],
      ['empty', 'broken'],
      ['nofile', 'incomplete'],
      ['nullmeta', 'broken'],
      ['renamed', 'broken'],
      ['syntax', 'broken'],
    ]);
    const byVersion = Object.fromEntries(versions.map((v) => [v.version, v]));
    expect(byVersion.nofile?.problem).toContain('model.yaml is missing');
    expect(byVersion.nofile?.size).toBe(100);
    expect(byVersion.empty?.problem).toContain('malformed model.yaml');
    expect(byVersion.nullmeta?.problem).toContain("'dataset' is null");
    expect(byVersion.renamed?.problem).toContain("'iris:other'");
    expect(byVersion.syntax?.problem).toContain('not valid YAML');
    expect(problems.map((p) => [p.kind, p.path])).toEqual([
      ['broken-version', 'models/iris/empty'],
      ['incomplete-version', 'models/iris/nofile'],
      ['broken-version', 'models/iris/nullmeta'],
      ['broken-version', 'models/iris/renamed'],
      ['broken-version', 'models/iris/syntax'],
    ]);
  });

  it('reports invalid directories and ignores plain files at both levels', async () => {
    await writeVersion(home, 'iris', 'v1', { creationTime: time(1) });
    await writeLatestFile(home, 'iris', 'v1');
    await fs.mkdir(path.join(home, 'models', '.staging'));
    await fs.mkdir(path.join(home, 'models', 'Upper'));
    await fs.mkdir(path.join(home, 'models', 'iris', '.tmp'));
    await fs.mkdir(path.join(home, 'models', 'iris', 'ABC'));
    await fs.writeFile(path.join(home, 'models', '.DS_Store'), 'x');
    await fs.writeFile(path.join(home, 'models', 'iris', '.lock'), 'x');
    const { versions, problems } = await scanStore(home);
    expect(versions.map((v) => v.tag)).toEqual(['iris:v1']);
    expect(problems.map((p) => [p.kind, p.path, p.safeToFix])).toEqual([
      ['invalid-directory', 'models/.staging', false],
      ['invalid-directory', 'models/Upper', false],
      ['invalid-directory', 'models/iris/.tmp', false],
      ['invalid-directory', 'models/iris/ABC', false],
    ]);
    expect(problems[0]?.message).toContain('bentoml models list');
  });

  it('flags a naive creation_time (BentoML list would raise TypeError)', async () => {
    await writeVersion(home, 'iris', 'aware', { creationTime: time(1) });
    await writeVersion(home, 'iris', 'naive', { creationTime: '2025-03-14T09:26:02.000000' });
    await writeLatestFile(home, 'iris', 'naive');
    const { versions, problems } = await scanStore(home);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      ['naive', 'ok'],
      ['aware', 'ok'],
    ]);
    expect(problems.map((p) => [p.kind, p.path])).toEqual([['naive-time', 'models/iris/naive']]);
  });
});

describe('latest pointer problems', () => {
  async function setup(content: string | null): Promise<void> {
    await writeVersion(home, 'iris', 'old', { creationTime: time(1) });
    await writeVersion(home, 'iris', 'new', { creationTime: time(9) });
    await writeVersion(home, 'iris', 'mid', { creationTime: time(5) });
    if (content !== null) await writeLatestFile(home, 'iris', content);
  }

  it.each([
    [null, 'latest-missing', ['new']],
    // BentoML fails on an empty pointer, so no version is the one `get iris` gives.
    ['', 'latest-empty', []],
    ['gone', 'latest-stale', ['new']],
    ['new\n', 'latest-newline', ['new']],
  ])('latest = %j is reported as %s, what BentoML resolves is flagged, and the file is left alone', async (content, kind, flagged) => {
    await setup(content);
    const { versions, problems } = await scanStore(home);
    expect(problems.map((p) => [p.kind, p.path, p.safeToFix])).toEqual([[kind, 'models/iris/latest', true]]);
    expect(versions.filter((v) => v.latest).map((v) => v.version)).toEqual(flagged);
    const after = await fs.readFile(path.join(home, 'models', 'iris', 'latest'), 'utf8').catch(() => null);
    expect(after).toBe(content);
  });

  it('reports a symlinked latest as not-file', async () => {
    await setup(null);
    await fs.symlink('old', path.join(home, 'models', 'iris', 'latest'));
    const { problems } = await scanStore(home);
    expect(problems.map((p) => p.kind)).toEqual(['latest-not-file']);
  });

  it('trusts a valid pointer even when it is not the newest (BentoML does too)', async () => {
    await setup('mid');
    const { versions, problems } = await scanStore(home);
    expect(problems).toEqual([]);
    expect(versions.filter((v) => v.latest).map((v) => v.version)).toEqual(['mid']);
  });
});

describe('scanName', () => {
  it('scans one name only', async () => {
    await writeVersion(home, 'iris', 'v1', { creationTime: time(1) });
    await writeVersion(home, 'other', 'v1', { creationTime: time(2) });
    await writeLatestFile(home, 'iris', 'v1');
    const result = await scanName(home, 'iris');
    expect(result.versions.map((v) => [v.tag, v.latest])).toEqual([['iris:v1', true]]);
    expect(result.problems).toEqual([]);
  });
  it('is empty for a missing name and refuses an invalid one', async () => {
    expect(await scanName(home, 'nope')).toEqual({ versions: [], problems: [] });
    const error = await scanName(home, '.staging').catch((e: unknown) => e);
    expect(isShelfError(error) && error.code).toBe('INVALID_TAG');
  });
});

describe('the two version readers', () => {
  it('agree: sequential (warm cache) and parallel (slow disk) give the same versions', async () => {
    const { loadVersion, loadVersionSync } = await import('../../src-main/store/read/version-reader.ts');
    await writeVersion(home, 'iris', 'ok', { creationTime: time(1), files: { 'a/b.bin': 300, '.h': 3 } });
    await writeVersion(home, 'iris', 'nofile', { yaml: null, files: { 'w.bin': 7 } });
    await writeVersion(home, 'iris', 'bad', { yaml: 'name: [\n' });
    await fs.mkdir(path.join(home, 'models', 'iris', 'dir', 'model.yaml'), { recursive: true });
    await fs.writeFile(path.join(home, 'models', 'iris', 'dir', 'model.yaml', 'x'), 'xy');
    const models = path.join(home, 'models');
    for (const v of ['ok', 'nofile', 'bad', 'dir']) {
      expect(await loadVersion(models, 'iris', v)).toEqual(loadVersionSync(models, 'iris', v));
    }
    expect(loadVersionSync(models, 'iris', 'dir').version).toMatchObject({ status: 'broken', size: 2 });
    expect(loadVersionSync(models, 'iris', 'ok').version.size).toBe(Buffer.byteLength(bentomlStyleYaml('iris', 'ok', time(1))) + 303);
  });
});
