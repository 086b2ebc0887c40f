import { describe, expect, it } from 'vitest';
import { ShelfError } from '../../src-main/shared/errors.ts';
import { deleteFailedError, fsError } from '../../src-main/store/paths/fs-errors.ts';

const enospc = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
const message = (e: unknown): string => (e as Error).message;

describe('a delete stopped by a full disk', () => {
  const base = { home: '/h', trash: true, total: 3 };
  it('says nothing was deleted when nothing was, whether the errno came raw or as a create-style sentence', () => {
    expect(message(deleteFailedError(enospc, { ...base, done: [] }))).toBe('The disk holding /h is full: nothing was moved to the trash. Free some space and try again.');
    const fromLock = fsError(enospc, '/h/.model-shelf/locks', 'write', '/h');
    expect(fromLock.message).toContain('nothing was added');
    expect(message(deleteFailedError(fromLock, { ...base, trash: false, done: [] }))).toBe('The disk holding /h is full: nothing was deleted. Free some space and try again.');
  });
  it('names what was deleted before the disk refused', () => {
    expect(message(deleteFailedError(enospc, { ...base, done: ['a:v1'] }))).toBe('The disk holding /h is full: a:v1 was moved to the trash, the others were not. Free some space and try again.');
    expect(message(deleteFailedError(enospc, { ...base, trash: false, done: ['a:v1', 'a:v2'] }))).toBe('The disk holding /h is full: a:v1 and a:v2 were deleted, the others were not. Free some space and try again.');
  });
  it('sends to repair when every version went but a latest pointer could not be written', () => {
    expect(message(deleteFailedError(enospc, { ...base, done: ['a:v1', 'b:v1', 'c:v1'] }))).toBe(
      'The disk holding /h is full: a:v1, b:v1 and c:v1 were moved to the trash, but a `latest` pointer could not be updated. Free some space and run `model-shelf repair`.',
    );
  });
  it('leaves every other error as it was', () => {
    const inUse = new ShelfError('IN_USE', 'used by a bento');
    expect(deleteFailedError(inUse, { ...base, done: [] })).toBe(inUse);
  });
});
