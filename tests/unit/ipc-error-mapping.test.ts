import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toErrorInfo } from '../../src-main/ipc/error-mapping.ts';
import { ShelfError } from '../../src-main/shared/errors.ts';

describe('error mapping', () => {
  it('keeps a ShelfError code, sentence and details', () => {
    const error = new ShelfError('AMBIGUOUS', "Version prefix 'a' of iris_clf matches 2 versions. Type more of it.", { details: { candidates: ['iris_clf:a1', 'iris_clf:a2'] } });
    expect(toErrorInfo('model:get', error, () => undefined)).toEqual({
      code: 'AMBIGUOUS',
      message: "Version prefix 'a' of iris_clf matches 2 versions. Type more of it.",
      details: { candidates: ['iris_clf:a1', 'iris_clf:a2'] },
    });
  });

  it('turns a zod failure into INVALID_ARGUMENT naming the field', () => {
    const parsed = z.strictObject({ tags: z.array(z.string()) }).safeParse({ tags: ['a', 3] });
    const info = toErrorInfo('models:delete', parsed.error, () => undefined);
    expect(info.code).toBe('INVALID_ARGUMENT');
    expect(info.message).toContain("'tags[1]'");
  });

  it('ends the sentence once when the field rule already wrote a full sentence', () => {
    const schema = z.strictObject({ key: z.string().refine((k) => k.trim() !== '', 'A label key cannot be empty or only spaces; enter a name for it.') });
    const refined = toErrorInfo('models:create', schema.safeParse({ key: ' ' }).error, () => undefined);
    expect(refined.message).toBe("The models:create request was refused because of field 'key': A label key cannot be empty or only spaces; enter a name for it.");
    const plain = toErrorInfo('models:delete', z.strictObject({ n: z.number() }).safeParse({ n: 'x' }).error, () => undefined);
    expect(plain.message).toMatch(/[^.]\.$/);
  });

  it('hides unknown errors behind a generic sentence and logs them', () => {
    const logged: unknown[] = [];
    const error = new TypeError("Cannot read properties of undefined (reading 'x') at /srv/secret/path.ts:3");
    const info = toErrorInfo('store:repair', error, (_m, e) => logged.push(e));
    expect(info.code).toBe('INTERNAL');
    expect(info.message).not.toMatch(/secret|undefined|TypeError/);
    expect(info.message).toMatch(/log/);
    expect(logged).toEqual([error]);
  });

  it('maps a raw full-disk or permission error to a sentence a person can act on', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(toErrorInfo('models:create', full, () => undefined).code).toBe('NO_SPACE');
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const info = toErrorInfo('models:create', denied, () => undefined);
    expect(info.code).toBe('PERMISSION');
    expect(info.message).not.toContain('EACCES');
  });
});
