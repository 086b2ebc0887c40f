// The create sheet's Labels editor: each mistake is explained beside its row as it is typed, the
// footer names the one row to fix, and the labels the user typed are what the new model carries.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addRow, createButton, openSheet } from './open-sheet.tsx';

const key = (n: number) => screen.getByRole('textbox', { name: `Label ${n} key` });
const value = (n: number) => screen.getByRole('textbox', { name: `Label ${n} value` });

describe('labels editor', () => {
  it('puts the cursor in the new row\'s key when a label is added', async () => {
    const { user } = await openSheet();
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    await waitFor(() => expect(key(1)).toHaveFocus());
    await user.keyboard('owner');
    expect(key(1)).toHaveValue('owner');
  });

  it('explains a repeated key beside its row, names the row in the footer, and clears both once fixed', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Label');
    await user.type(key(1), 'owner');
    await user.type(value(1), 'ml-team');
    await addRow(user, 'Label');
    await user.type(key(2), 'owner');

    expect(key(2)).toBeInvalid();
    expect(key(2)).toHaveAccessibleDescription("The key 'owner' is already used above.");
    expect(key(1)).toBeValid();
    expect(createButton()).toBeDisabled();
    expect(createButton()).toHaveAccessibleDescription("Label 2: the key 'owner' is already used above.");

    await user.clear(key(2));
    await user.type(key(2), 'stage');
    expect(key(2)).toBeValid();
    expect(screen.queryByText(/already used above/)).toBeNull();
    expect(createButton()).toBeEnabled();
  });

  it('asks for a key when only a value is typed, refuses a key too long to write, and counts several mistakes', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Label');
    await user.type(value(1), 'prod');
    expect(key(1)).toHaveAccessibleDescription('A label key cannot be empty or only spaces; enter a name for it.');
    await addRow(user, 'Label');
    await user.click(key(2));
    await user.paste('k'.repeat(1001));
    const long = `Label '${'k'.repeat(40)}...' is longer than 1000 characters, the longest key Model Shelf writes to model.yaml; use a shorter key.`;
    expect(key(2)).toHaveAccessibleDescription(long);
    // Every reason, one after the other (the footer lists them all).
    expect(createButton()).toHaveAccessibleDescription(`Label 1: a label key cannot be empty or only spaces; enter a name for it. Label 2: l${long.slice(1)}`);
  });

  it('keeps spaces around a key as BentoML does (the same rule as `create --label` and `label --set`)', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Label');
    await user.type(key(1), ' stage');
    await user.type(value(1), 'prod');
    expect(key(1)).toBeValid();
    expect(createButton()).toBeEnabled();
  });

  it('leaves an empty row alone', async () => {
    const { user } = await openSheet();
    await addRow(user, 'Label');
    expect(key(1)).toBeValid();
    expect(createButton()).toBeEnabled();
  });

  it('removes the row whose button was pressed and numbers the rest again', async () => {
    const { user } = await openSheet();
    for (const k of ['owner', 'owner']) await user.type(await addRow(user, 'Label'), k);
    await user.type(value(2), 'kept');
    await user.click(screen.getByRole('button', { name: 'Remove label 1' }));
    expect(screen.queryByRole('textbox', { name: 'Label 2 key' })).toBeNull();
    expect(key(1)).toHaveValue('owner');
    expect(value(1)).toHaveValue('kept');
    expect(key(1)).toBeValid();
  });

  it('creates the model with the labels as typed (Ctrl+Enter)', async () => {
    const { main, user } = await openSheet();
    await addRow(user, 'Label');
    await user.type(key(1), 'owner');
    await user.type(value(1), 'ml-team');
    await addRow(user, 'Label');
    await user.type(key(2), 'stage');
    await user.type(value(2), 'prod');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(main.versions.map((v) => v.tag)).toEqual(['iris:gen1']));
    expect(main.versions[0]!.labels).toEqual({ owner: 'ml-team', stage: 'prod' });
  });
});
