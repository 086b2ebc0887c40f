// The create sheet around its editors: BentoML's name rule under the field and the normalised tag,
// the one reason Create is disabled, a copy that shows progress and can be cancelled with nothing
// written, and a refusal from main explained while the form stays filled.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeVersion } from '../../mocks/fake-versions.ts';
import { addRow, createButton, openSheet } from './open-sheet.tsx';

const RULE = "Use lowercase letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters.";
const nameField = () => screen.getByRole('textbox', { name: 'Name' });
const versionField = () => screen.getByRole('textbox', { name: 'Custom version' });
const preview = () => screen.getByRole('status', { name: 'Tag preview' });

describe('create sheet', () => {
  it('names the model after the folder of a generic file name (model.pkl in iris/), shows BentoML\'s rule and the tag it will get', async () => {
    await openSheet();
    expect(nameField()).toHaveValue('iris');
    expect(nameField()).toHaveAccessibleDescription(RULE);
    expect(preview()).toHaveTextContent('iris:<automatic>');
    expect(screen.getByRole('radio', { name: 'Automatic' })).toBeChecked();
    expect(createButton()).toBeEnabled();
  });

  it('replaces the rule with the reason a name is refused, and shows a mixed-case name as BentoML saves it', async () => {
    const { user } = await openSheet();
    await user.clear(nameField());
    await user.type(nameField(), 'iris clf');
    const reason = `A space is not allowed. ${RULE}`;
    expect(nameField()).toBeInvalid();
    expect(nameField()).toHaveAccessibleDescription(reason);
    expect(createButton()).toBeDisabled();
    expect(createButton()).toHaveAccessibleDescription(`Name: ${reason}`);

    await user.clear(nameField());
    await user.type(nameField(), 'Iris_CLF');
    expect(nameField()).toBeValid();
    expect(nameField()).toHaveAccessibleDescription(RULE);
    expect(preview()).toHaveTextContent('iris_clf:<automatic>');
  });

  it('typing a version picks Custom; the reserved word latest is refused', async () => {
    const { user } = await openSheet();
    await user.type(versionField(), 'latest');
    expect(screen.getByRole('radio', { name: 'Custom' })).toBeChecked();
    expect(versionField()).toBeInvalid();
    expect(screen.getByText("'latest' is reserved for the pointer to the newest version; choose another version.")).toBeVisible();
    expect(createButton()).toBeDisabled();
    await user.clear(versionField());
    await user.type(versionField(), 'V2');
    expect(preview()).toHaveTextContent('iris:v2');
    expect(createButton()).toBeEnabled();
  });

  it('asks for files once the only one is removed', async () => {
    const { user } = await openSheet();
    await user.click(screen.getByRole('button', { name: 'Remove model.pkl' }));
    expect(createButton()).toBeDisabled();
    expect(createButton()).toHaveAccessibleDescription('Add files or a folder to put in the model.');
  });

  it('locks the form while copying; Cancel writes nothing and gives the form back', async () => {
    const { main, user } = await openSheet();
    main.holdAdd = true;
    await user.type(await addRow(user, 'Label'), 'owner');
    await user.click(createButton());
    expect(await screen.findByRole('progressbar', { name: 'Copying files' })).toBeInTheDocument();
    expect(createButton()).toBeDisabled();
    expect(nameField()).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: 'Label 1 key' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add label' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Cancelled. Nothing was written.')).toBeVisible();
    expect(main.versions).toEqual([]);
    expect(main.staged.size).toBe(0);
    expect(screen.getByRole('textbox', { name: 'Label 1 key' })).toBeEnabled();
    expect(screen.getByRole('textbox', { name: 'Label 1 key' })).toHaveValue('owner');
    expect(createButton()).toBeEnabled();
  });

  it('explains a refusal from main and keeps everything typed', async () => {
    const { main, user } = await openSheet({ versions: [makeVersion('iris', 'v1', Date.parse('2025-01-01'), 10)] });
    await user.type(versionField(), 'v1');
    await user.click(createButton());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('A model with that tag already exists in this store.')).toBeVisible();
    expect(alert).toHaveTextContent(`Model 'iris:v1' already exists in ${main.modelsDir}.`);
    expect(nameField()).toHaveValue('iris');
    expect(versionField()).toHaveValue('v1');
    expect(main.versions).toHaveLength(1);
    await waitFor(() => expect(createButton()).toBeEnabled());
  });
});
