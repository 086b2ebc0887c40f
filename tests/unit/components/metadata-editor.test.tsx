// The create sheet's Metadata editor: a type per row, the right field for it, the reason a value
// is refused beside its row, and typed values in the new model. Number typing rules are tested
// with the parser (tests/unit/renderer-create-form.test.ts); here only what the editor shows.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addRow, createButton, openSheet } from './open-sheet.tsx';

const key = (n: number) => screen.getByRole('textbox', { name: `Metadata ${n} key` });
const type = (n: number) => screen.getByRole('combobox', { name: `Metadata ${n} type` });
const textValue = (n: number) => screen.getByRole('textbox', { name: `Metadata ${n} value` });

describe('metadata editor', () => {
  it('offers the five types and shows the field each one needs', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Metadata');
    expect([...type(1).querySelectorAll('option')].map((o) => o.textContent)).toEqual(['text', 'number', 'boolean', 'date', 'JSON']);
    expect(type(1)).toHaveValue('text');
    expect(textValue(1).tagName).toBe('INPUT');

    await user.selectOptions(type(1), 'boolean');
    const choice = screen.getByRole('combobox', { name: 'Metadata 1 value' });
    expect([...choice.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['true', 'false']);
    expect(choice).toHaveValue('true');

    await user.selectOptions(type(1), 'json');
    expect(textValue(1).tagName).toBe('TEXTAREA');
    expect(textValue(1)).toHaveAttribute('placeholder', '{"max_depth": 4}');
    await user.selectOptions(type(1), 'date');
    expect(textValue(1)).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  });

  it('explains a refused value beside its row, on the value and not the key, until it is fixed', async () => {
    const { user } = await openSheet();
    await user.type(await addRow(user, 'Metadata'), 'trained');
    await user.selectOptions(type(1), 'date');
    await user.type(textValue(1), '14/03/2025');

    expect(textValue(1)).toBeInvalid();
    expect(textValue(1)).toHaveAccessibleDescription('Enter a date as YYYY-MM-DD, for example 2025-03-15.');
    expect(key(1)).toBeValid();
    expect(createButton()).toBeDisabled();
    expect(createButton()).toHaveAccessibleDescription('Metadata 1: enter a date as YYYY-MM-DD, for example 2025-03-15.');

    await user.clear(textValue(1));
    await user.type(textValue(1), '2025-03-14');
    expect(textValue(1)).toBeValid();
    expect(textValue(1)).not.toHaveAccessibleDescription();
    expect(createButton()).toBeEnabled();
  });

  it('keeps JSON for lists and maps, and says what is wrong with broken JSON', async () => {
    const { user } = await openSheet();
    await user.type(await addRow(user, 'Metadata'), 'params');
    await user.selectOptions(type(1), 'json');
    await user.type(textValue(1), '"iris"');
    expect(textValue(1)).toHaveAccessibleDescription('Use JSON for lists and maps only; pick text, number or boolean for a single value.');
    await user.clear(textValue(1));
    // user-event reads { and [ as key descriptors; doubled they are typed as text.
    await user.type(textValue(1), '{{"depth": 4');
    expect(textValue(1)).toBeInvalid();
    expect(textValue(1)).toHaveAccessibleDescription(/^Not valid JSON: .+\.$/);
  });

  it('asks for a key when only a value is typed, and refuses a key used above', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Metadata');
    await user.type(textValue(1), 'iris');
    expect(screen.getByText('A metadata key cannot be empty or only spaces; enter a name for it.')).toBeVisible();
    await user.type(key(1), 'dataset');
    await user.type(await addRow(user, 'Metadata'), 'dataset');
    await user.type(textValue(2), 'wine');
    expect(textValue(2)).toHaveAccessibleDescription("The key 'dataset' is already used above.");
    expect(createButton()).toHaveAccessibleDescription("Metadata 2: the key 'dataset' is already used above.");
  });

  it('creates the model with each value in its type', async () => {
    const { main, user } = await openSheet();
    const rows: [string, string, string | null][] = [
      ['dataset', 'text', 'iris'],
      ['tuned', 'boolean', null],
      ['trained', 'date', '2025-03-14'],
      ['features', 'json', '[["sepal_length", "petal_width"]'],
    ];
    for (const [i, [k, t, text]] of rows.entries()) {
      await user.type(await addRow(user, 'Metadata'), k);
      await user.selectOptions(type(i + 1), t);
      if (text !== null) await user.type(textValue(i + 1), text);
    }
    await user.selectOptions(screen.getByRole('combobox', { name: 'Metadata 2 value' }), 'false');
    await user.click(createButton());
    await waitFor(() => expect(main.versions).toHaveLength(1));
    expect(main.versions[0]!.metadata).toEqual({ dataset: 'iris', tuned: false, trained: { $date: '2025-03-14' }, features: ['sepal_length', 'petal_width'] });
  });
});
