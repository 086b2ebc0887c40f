import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportTarget, guessFormat } from '../../src-main/store/archive/archive-format.ts';

describe('guessFormat (§7.1: last extension, unknown or none = bentomodel)', () => {
  it.each([
    ['/x/m.bentomodel', 'bentomodel'],
    ['/x/m.tar.gz', 'gz'],
    ['/x/m.gz', 'gz'],
    ['/x/m.tar.xz', 'xz'],
    ['/x/m.tar.bz2', 'bz2'],
    ['/x/m.tar', 'tar'],
    ['/x/m.ZIP', 'zip'],
    ['/x/m.tgz', 'bentomodel'],
    ['/x/model', 'bentomodel'],
    ['/x/dir/', 'bentomodel'],
  ])('%s -> %s', (p, f) => {
    expect(guessFormat(p)).toBe(f);
  });
});

describe('exportTarget (§7.2 naming)', () => {
  const cwd = '/work';
  it('puts <name>-<version>.<format> inside a directory, a trailing slash or the cwd', () => {
    expect(exportTarget('/out', 'iris', 'v1', { isDirectory: true, cwd }).file).toBe('/out/iris-v1.bentomodel');
    expect(exportTarget('/new/', 'iris', 'v1', { isDirectory: false, cwd }).file).toBe('/new/iris-v1.bentomodel');
    expect(exportTarget('', 'iris', 'v1', { isDirectory: false, cwd }).file).toBe(path.join(cwd, 'iris-v1.bentomodel'));
    expect(exportTarget('/out', 'iris', 'v1', { isDirectory: true, cwd, format: 'gz' }).file).toBe('/out/iris-v1.gz');
  });
  it('appends .bentomodel to bentomodel targets that lack it', () => {
    expect(exportTarget('/x/model', 'iris', 'v1', { isDirectory: false, cwd })).toEqual({ file: '/x/model.bentomodel', format: 'bentomodel' });
    expect(exportTarget('/x/m.foo', 'iris', 'v1', { isDirectory: false, cwd }).file).toBe('/x/m.foo.bentomodel');
    expect(exportTarget('rel.tar.gz', 'iris', 'v1', { isDirectory: false, cwd })).toEqual({ file: '/work/rel.tar.gz', format: 'gz' });
  });
  it('refuses bz2, which it cannot write', () => {
    expect(() => exportTarget('/x/m.bz2', 'iris', 'v1', { isDirectory: false, cwd })).toThrow(/cannot write \.bz2/);
  });
});
