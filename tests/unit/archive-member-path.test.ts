import { describe, expect, it } from 'vitest';
import { linkTarget, safeMemberPath } from '../../src-main/store/import/archive-member-path.ts';

describe('safeMemberPath', () => {
  it.each([
    ['.', ''],
    ['./', ''],
    ['./model.yaml', 'model.yaml'],
    ['model.yaml', 'model.yaml'],
    ['./sub/', 'sub'],
    ['sub//a.txt', 'sub/a.txt'],
    ['./sub/./a..b', 'sub/a..b'],
  ])('%s -> %s', (member, rel) => {
    expect(safeMemberPath(member, 'linux')).toBe(rel);
  });
  it.each(['../x', 'a/../../x', 'a/..', '/etc/passwd', 'C:/x', 'a\0b'])('refuses %s', (member) => {
    expect(() => safeMemberPath(member, 'linux')).toThrow(/refused/);
  });
  it('refuses backslashes and reserved characters only on Windows', () => {
    expect(safeMemberPath('a\\b', 'linux')).toBe('a\\b');
    expect(() => safeMemberPath('..\\x', 'win32')).toThrow(/backslash/);
    expect(() => safeMemberPath('ab:c', 'win32')).toThrow(/Windows/);
  });
});

describe('linkTarget', () => {
  it('resolves symlinks from the link folder and hardlinks from the root', () => {
    expect(linkTarget('sub/l', '../w.bin', 'symlink')).toBe('w.bin');
    expect(linkTarget('sub/l', 'w.bin', 'symlink')).toBe('sub/w.bin');
    expect(linkTarget('sub/l', './w.bin', 'link')).toBe('w.bin');
  });
  it('returns null for targets outside the archive', () => {
    expect(linkTarget('l', '/etc/passwd', 'symlink')).toBeNull();
    expect(linkTarget('sub/l', '../../x', 'symlink')).toBeNull();
    expect(linkTarget('l', '../x', 'link')).toBeNull();
    expect(linkTarget('l', '.', 'symlink')).toBeNull();
  });
});

describe('Windows-only rules', () => {
  it.each(['CON', 'nul', 'sub/Aux.txt', 'com1', 'LPT9.log', 'COM¹', 'a./b', 'name ', 'x/y.'])('refuses %s on win32 but not on linux', (member) => {
    expect(() => safeMemberPath(member, 'win32')).toThrow(/Windows/);
    expect(safeMemberPath(member, 'linux')).toBe(member);
  });
  it.each(['console', 'nul_x', 'com10', 'lpt0', 'a.b'])('accepts %s on win32', (member) => {
    expect(safeMemberPath(member, 'win32')).toBe(member);
  });
  it('a link target with a backslash leaves the archive on win32 only', () => {
    expect(linkTarget('sub/l', '..\\..\\x', 'symlink', 'win32')).toBeNull();
    expect(linkTarget('sub/l', 'a\\b', 'symlink', 'win32')).toBeNull();
    expect(linkTarget('sub/l', '..\\..\\x', 'symlink', 'linux')).toBe('sub/..\\..\\x');
    expect(linkTarget('l', 'nul', 'link', 'win32')).toBeNull();
    expect(linkTarget('l', 'w.bin', 'link', 'win32')).toBe('w.bin');
  });
});
