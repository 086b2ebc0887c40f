import { describe, expect, it } from 'vitest';
import { checkForm } from '../../src-renderer/state/create-form.ts';
import { parseMetaValue } from '../../src-renderer/state/metadata-parse.ts';
import { emptyForm, type CreateForm } from '../../src-renderer/state/slices/create-slice.ts';

const file = { path: '/tmp/a/model.pkl', name: 'model.pkl', kind: 'file' as const, size: 10, hasModelYaml: false, isArchive: false };
const form = (patch: Partial<CreateForm>): CreateForm => ({ ...emptyForm(), items: [file], name: 'iris_clf', ...patch });

describe('metadata editor values', () => {
  it("types numbers as Python's json.loads does, keeping integers beyond 2^53 exact as BigInt", () => {
    expect(parseMetaValue('number', '0.9667')).toEqual({ ok: true, value: 0.9667 });
    expect(parseMetaValue('number', '100')).toEqual({ ok: true, value: 100 });
    expect(parseMetaValue('number', ' 100 ')).toEqual({ ok: true, value: 100 });
    expect(parseMetaValue('number', '1152921504606846976')).toEqual({ ok: true, value: 1152921504606846976n });
    // Floats stay floats: 1e3 is 1000.0 to Python, as on the command line.
    expect(parseMetaValue('number', '1e3')).toEqual({ ok: true, value: { $float: '1000.0' } });
    expect(parseMetaValue('number', '2.0')).toEqual({ ok: true, value: { $float: '2.0' } });
    expect(parseMetaValue('number', '1e999')).toEqual({ ok: true, value: { $float: 'inf' } });
    expect(parseMetaValue('number', 'NaN')).toEqual({ ok: true, value: { $float: 'nan' } });
    for (const text of ['0.96x', '.5', '+1', 'inf', '"1"', '[1]', 'true']) {
      expect(parseMetaValue('number', text)).toEqual({ ok: false, reason: `'${text}' is not a number (write it as JSON does, such as 42, 0.5 or 1e3).` });
    }
  });

  it('keeps text as typed, including strings that look like other types', () => {
    expect(parseMetaValue('text', 'yes')).toEqual({ ok: true, value: 'yes' });
    expect(parseMetaValue('text', '1e3')).toEqual({ ok: true, value: '1e3' });
  });

  it('accepts real calendar dates only', () => {
    expect(parseMetaValue('date', '2025-03-14')).toEqual({ ok: true, value: { $date: '2025-03-14' } });
    expect(parseMetaValue('date', '2025-02-30').ok).toBe(false);
    expect(parseMetaValue('date', '14/03/2025').ok).toBe(false);
  });

  it('takes JSON lists and maps as json.loads reads them, refusing null and scalars with a reason', () => {
    expect(parseMetaValue('json', '{"max_depth": 4, "layers": [1, 2]}')).toEqual({ ok: true, value: { max_depth: 4, layers: [1, 2] } });
    expect(parseMetaValue('json', '[[50,0],[0,47]]')).toEqual({ ok: true, value: [[50, 0], [0, 47]] });
    const withNull = parseMetaValue('json', '{"a": [1, null]}');
    expect(withNull).toMatchObject({ ok: false, reason: expect.stringContaining('a[1]') as unknown });
    expect(parseMetaValue('json', '42')).toMatchObject({ ok: false });
    expect(parseMetaValue('json', 'NaN')).toMatchObject({ ok: false, reason: expect.stringContaining('lists and maps only') as unknown });
    expect(parseMetaValue('json', '{"a": 9007199254740993, "f": [1.0, NaN]}')).toEqual({ ok: true, value: { a: 9007199254740993n, f: [{ $float: '1.0' }, { $float: 'nan' }] } });
    expect(parseMetaValue('json', '{"when": {"$date": "2025-03-15"}}')).toEqual({
      ok: false,
      reason: "'when' is a map whose only key is '$date', which Model Shelf uses for typed values; add another key or rename it.",
    });
    expect(parseMetaValue('json', '{oops')).toMatchObject({ ok: false, reason: expect.stringContaining('Not valid JSON') as unknown });
  });

  it('booleans come from true/false only', () => {
    expect(parseMetaValue('boolean', 'false')).toEqual({ ok: true, value: false });
    expect(parseMetaValue('boolean', 'yes').ok).toBe(false);
  });
});

describe('create form check', () => {
  it('builds the models:create fields from a valid form, lowercasing the name like BentoML', () => {
    const check = checkForm(
      form({
        name: 'Iris_CLF',
        labels: [{ id: 1, key: 'owner', value: 'ml-team' }, { id: 2, key: '', value: '' }],
        metadata: [{ id: 3, key: 'accuracy', type: 'number', text: '0.5' }],
        module: '  ',
      }),
    );
    expect(check.blocker).toBeNull();
    expect(check.tagPreview).toBe('iris_clf:<automatic>');
    expect(check.args).toEqual({ name: 'iris_clf', labels: { owner: 'ml-team' }, metadata: { accuracy: 0.5 }, apiVersion: 'v1' });
  });

  it('explains the name rule and blocks Create with one line', () => {
    const check = checkForm(form({ name: 'iris clf!' }));
    expect(check.nameProblem).toBe("A space is not allowed. Use lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters.");
    expect(check.blocker).toMatch(/^Name: /);
    expect(check.args).toBeNull();
    expect(checkForm(form({ name: 'a'.repeat(64) })).nameProblem).toMatch(/^It has 64 characters\. Use .*at most 63 characters\.$/);
    expect(check.tagPreview).toBe('<name>:<automatic>');
  });

  it('flags duplicate and empty label keys on their own rows', () => {
    const check = checkForm(form({ labels: [{ id: 1, key: 'owner', value: 'a' }, { id: 2, key: 'owner', value: 'b' }, { id: 3, key: '', value: 'x' }] }));
    expect(check.labelErrors.get(1)).toBeUndefined();
    expect(check.labelErrors.get(2)).toMatch(/already used/);
    expect(check.labelErrors.get(3)).toBe('A label key cannot be empty or only spaces; enter a name for it.');
    expect(check.blocker).toBe("Label 2: the key 'owner' is already used above.");
    expect(check.blockers).toEqual(["Label 2: the key 'owner' is already used above.", 'Label 3: a label key cannot be empty or only spaces; enter a name for it.']);
    expect(checkForm(form({ labels: [{ id: 1, key: 'owner', value: 'a' }, { id: 2, key: 'owner', value: 'b' }] })).blocker).toBe("Label 2: the key 'owner' is already used above.");
  });

  it('flags bad metadata rows and custom versions', () => {
    const check = checkForm(form({ metadata: [{ id: 1, key: 'acc', type: 'number', text: 'high' }], versionMode: 'custom', version: 'v1' }));
    expect(check.metaErrors.get(1)).toMatch(/not a number/);
    expect(check.blocker).toBe("Metadata 1: 'high' is not a number (write it as JSON does, such as 42, 0.5 or 1e3).");
    expect(check.args).toBeNull();
    expect(checkForm(form({ versionMode: 'custom', version: 'latest' })).versionProblem).toMatch(/reserved/);
    expect(checkForm(form({ versionMode: 'custom', version: 'V2' })).args).toMatchObject({ version: 'v2' });
  });

  it('asks for files first', () => {
    expect(checkForm({ ...emptyForm(), name: 'iris_clf' }).blocker).toBe('Add files or a folder to put in the model.');
  });
});
