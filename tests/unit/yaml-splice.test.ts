// The splice that lets an edit change labels and metadata entry by entry (store/edit/): what it
// keeps byte for byte, and the layouts it declines (null: the caller rewrites more coarsely).
import { describe, expect, it } from 'vitest';
import { spliceEntries, spliceTopLevel } from '../../src-main/store/edit/yaml-splice.ts';

const FILE = `name: a
version: v1
labels:
  keep: "Zo\\xEB"   # a comment on the line
  stage: dev
  # a comment between entries
  owner: me
options: {}
metadata:
  nested:
      deep: [1, 2]
      more: x
  n: 1
context: {}
`;

describe('spliceEntries', () => {
  it('rewrites a set key in place, removes an unset one with its lines, appends a new one; other bytes stay', () => {
    const out = spliceEntries(FILE, 'labels', { set: [['stage', 'prod'], ['team', 'Zoë']], unset: ['owner'] });
    expect(out).toBe(FILE.replace('  stage: dev\n', "  stage: 'prod'\n").replace('  owner: me\n', '  team: "Zo\\xEB"\n'));
  });

  it('removes a nested entry with all its lines and keeps the indent of the map for a new one', () => {
    const out = spliceEntries(FILE, 'metadata', { set: [['m', { a: [1, 2] }]], unset: ['nested'] });
    expect(out).toBe(FILE.replace('  nested:\n      deep: [1, 2]\n      more: x\n  n: 1\n', '  n: 1\n  m:\n    a:\n    - 1\n    - 2\n'));
  });

  it('keeps CRLF line ends', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    expect(spliceEntries(crlf, 'labels', { set: [['stage', 'prod']], unset: [] })).toBe(crlf.replace('  stage: dev\r\n', "  stage: 'prod'\r\n"));
  });

  it('declines a flow mapping, an edit that would empty the map, duplicated keys and a missing entry', () => {
    expect(spliceEntries(FILE, 'options', { set: [['a', 1]], unset: [] })).toBeNull();
    expect(spliceEntries(FILE, 'labels', { set: [], unset: ['keep', 'stage', 'owner'] })).toBeNull();
    expect(spliceEntries(FILE.replace('  owner: me\n', '  stage: again\n'), 'labels', { set: [['stage', 'x']], unset: [] })).toBeNull();
    expect(spliceEntries(FILE, 'signatures', { set: [['a', 1]], unset: [] })).toBeNull();
  });
});

describe('spliceTopLevel', () => {
  it('replaces a whole entry, and adds a missing one in BentoML field order', () => {
    expect(spliceTopLevel(FILE, 'options', { a: 1 })).toBe(FILE.replace('options: {}\n', 'options:\n  a: 1\n'));
    const noLabels = FILE.slice(0, FILE.indexOf('labels:')) + FILE.slice(FILE.indexOf('options:'));
    expect(spliceTopLevel(noLabels, 'labels', { a: 'b' })).toBe(noLabels.replace('options: {}\n', "labels:\n  a: 'b'\noptions: {}\n"));
  });

  it('declines a flow-style document and one whose keys do not start their lines', () => {
    expect(spliceTopLevel('{name: a, labels: {}}\n', 'labels', { a: 'b' })).toBeNull();
    expect(spliceTopLevel('--- name: a\n', 'labels', {})).toBeNull();
  });
});
