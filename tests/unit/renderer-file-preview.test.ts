// The Files tab's and the model card's small decisions (issue 12 view 17): which file is the
// model card, what front matter is left out of it, and when text is shown as pretty JSON.
import { describe, expect, it } from 'vitest';
import { modelCardName, prettyJson, withoutFrontMatter } from '../../src-renderer/state/files/use-file-preview.ts';

const file = (name: string, kind = 'file') => ({ name, kind });

describe('the model card file', () => {
  it('is README.md at the root in any case, README.md first; never a folder or another file', () => {
    expect(modelCardName([file('config.json'), file('readme.md')])).toBe('readme.md');
    expect(modelCardName([file('Readme.MD', 'symlink')])).toBe('Readme.MD');
    expect(modelCardName([file('readme.md'), file('README.md')])).toBe('README.md');
    expect(modelCardName([file('README.md', 'directory'), file('README.txt'), file('README'), file('README.md.bak')])).toBeNull();
    expect(modelCardName([])).toBeNull();
  });

  it('loses its YAML front matter (Hugging Face cards), and only that', () => {
    expect(withoutFrontMatter('---\nlicense: mit\ntags:\n- a\n---\n# Title\n')).toBe('# Title\n');
    expect(withoutFrontMatter('---\r\nlicense: mit\r\n---\r\nBody')).toBe('Body');
    expect(withoutFrontMatter('# Title\n\n---\n\nbelow a rule\n\n---\n')).toBe('# Title\n\n---\n\nbelow a rule\n\n---\n');
    expect(withoutFrontMatter('---\nnever closed')).toBe('---\nnever closed');
  });
});

describe('JSON in the preview', () => {
  it('pretty-prints whole JSON objects and arrays, and leaves everything else as written', () => {
    expect(prettyJson('{"a":1,"b":[true,null]}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
    expect(prettyJson('  [1,2]\n')).toBe('[\n  1,\n  2\n]');
    expect(prettyJson('{"cut": "in the mid')).toBeNull();
    expect(prettyJson('42')).toBeNull();
    expect(prettyJson('"text"')).toBeNull();
    expect(prettyJson('# not json {')).toBeNull();
  });
});
