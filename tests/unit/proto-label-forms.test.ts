// The window's forms build label and metadata objects with `__proto__` as an own key (assigning
// it would set the object's prototype instead, and the label would vanish before it is sent).
import { describe, expect, it } from 'vitest';
import { relabelRequest } from '../../src-renderer/state/bulk/relabel-form.ts';
import { checkLabels, checkMetadata } from '../../src-renderer/state/create-form.ts';

describe('forms with the key __proto__', () => {
  it('the bulk relabel request carries it', () => {
    const check = relabelRequest([{ key: '__proto__', action: 'set', value: 'prod' }]);
    expect(check.ok && Object.entries(check.request.set)).toEqual([['__proto__', 'prod']]);
  });

  it('the create sheet carries it as a label and a metadata key', () => {
    expect(Object.entries(checkLabels([{ id: 1, key: '__proto__', value: 'x' }]).labels)).toEqual([['__proto__', 'x']]);
    expect(Object.entries(checkMetadata([{ id: 1, key: '__proto__', type: 'number', text: '3' }]).metadata)).toEqual([['__proto__', 3]]);
  });
});
