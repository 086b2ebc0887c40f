// The native menu. Model actions are not done here: each item sends a 'menu:command' push and
// the renderer runs the same action as its buttons, so keyboard, menu and buttons agree.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc-contract.ts';

export function menuTemplate(opts: { isPackaged: boolean; platform: string; send: (command: MenuCommand) => void }): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string, register = true): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator, registerAccelerator: register } : {}),
    click: () => opts.send(command),
  });
  const isMac = opts.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('Open Store…', 'open-store', 'CmdOrCtrl+O'),
      { type: 'separator' },
      item('New Model…', 'new-model', 'CmdOrCtrl+N'),
      item('Import…', 'import', 'CmdOrCtrl+I'),
      item('Export…', 'export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      item(isMac ? 'Reveal in Finder' : 'Show in Folder', 'reveal', 'CmdOrCtrl+Shift+R'),
      // Shown, not registered: a registered Delete would swallow the key in every text field.
      // The renderer handles Delete on the model list (with its confirmation dialog).
      item('Delete…', 'delete', isMac ? 'CmdOrCtrl+Backspace' : 'Delete', false),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      item('Find…', 'find', 'CmdOrCtrl+F'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      item('Reload Store', 'reload', 'CmdOrCtrl+R'),
      ...(opts.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, windowMenu];
}
