// One errno table (src-main/shared/errno-sentences.ts) feeds both the store's sentences about a
// path (fsError) and the CLI/IPC answer for an errno error that escaped the store (errnoInfo):
// they must agree on what each code means, and neither may fall back to Node's raw text.
import { describe, expect, it } from 'vitest';
import { ERRNO_WORDS, errnoInfo } from '../../src-main/shared/errno-sentences.ts';
import { fsError } from '../../src-main/store/paths/fs-errors.ts';

const errnoError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: raw node text, open '/x'`), { code });

describe('the errno table', () => {
  it.each(Object.keys(ERRNO_WORDS))('%s means the same to the store and to the CLI/IPC answer', (code) => {
    const words = ERRNO_WORDS[code]!;
    const stored = fsError(errnoError(code), '/store/models/iris', 'write', '/store');
    expect(stored.code).toBe(words.code);
    expect(stored.message).not.toContain('raw node text');
    if (words.why !== undefined) expect(stored.message).toContain(`because ${words.why}.`);
    const escaped = errnoInfo(errnoError(code));
    if (words.sentence === undefined) expect(escaped).toBeUndefined();
    else expect(escaped).toEqual({ code: words.code, message: words.sentence });
  });

  it('keeps the wording users see', () => {
    expect(fsError(errnoError('EXDEV'), '/a', 'move').message).toBe("Could not move '/a' because it would have to move to another disk, which a rename cannot do. Check the disk and try again.");
    expect(fsError(errnoError('EACCES'), '/a', 'write').message).toBe("Model Shelf is not allowed to write to '/a' (EACCES). Check its permissions and try again.");
    expect(fsError(errnoError('ENOSPC'), '/a', 'write', '/home').message).toBe('The disk holding /home is full. Free some space and try again; nothing was added.');
    expect(fsError(errnoError('EWHATEVER'), '/a', 'read').message).toBe("Could not read '/a' because the system answered EWHATEVER. Check the disk and try again.");
    expect(errnoInfo(errnoError('EBUSY'))).toEqual({ code: 'IO', message: 'A file is in use by another program. Close it and try again.' });
    expect(errnoInfo(errnoError('ENAMETOOLONG'))).toBeUndefined();
    expect(errnoInfo(errnoError('constructor'))).toBeUndefined();
    expect(errnoInfo(new Error('no code'))).toBeUndefined();
  });
});
