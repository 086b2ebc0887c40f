// The create sheet as a person finds it after dropping one file, and the moves they make in it.
import { render, screen, waitFor } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import type { InspectedItem } from '../../../src-main/shared/ipc-contract.ts';
import { CreateSheet } from '../../../src-renderer/components/CreateSheet.tsx';
import { openCreate } from '../../../src-renderer/state/actions/create-model.ts';
import type { FakeMain, FakeMainOptions } from '../../mocks/fake-main.ts';
import { startWindow } from './start-window.ts';

export const DROPPED: InspectedItem = { path: '/data/iris/model.pkl', name: 'model.pkl', kind: 'file', size: 100, hasModelYaml: false, isArchive: false };

/** The window started on a fake main, the sheet opened on one dropped file (iris/model.pkl: name 'iris'). */
export async function openSheet(options: FakeMainOptions = {}): Promise<{ main: FakeMain; user: UserEvent }> {
  const main = await startWindow(options);
  openCreate([DROPPED]);
  render(<CreateSheet />);
  return { main, user: userEvent.setup() };
}

export const createButton = (): HTMLElement => screen.getByRole('button', { name: /^Create model/ });

/**
 * Presses "Add label" or "Add metadata" and waits for the cursor to land in the new row's key,
 * as a person sees it before typing on (the editor focuses it on the next frame).
 */
export async function addRow(user: UserEvent, kind: 'Label' | 'Metadata'): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: `Add ${kind.toLowerCase()}` }));
  const fresh = screen.getAllByRole('textbox', { name: new RegExp(`^${kind} \\d+ key$`) }).at(-1)!;
  await waitFor(() => expect(fresh).toHaveFocus());
  return fresh;
}
