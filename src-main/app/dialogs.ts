// The DialogPort and ShellPort of the service, with Electron's native dialogs and shell.
import { app, dialog, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { DialogPort, ShellPort } from '../service/index.ts';
import { ARCHIVE_FORMATS } from '../store/index.ts';

const archiveFilter = { name: 'Model archives', extensions: [...ARCHIVE_FORMATS] };

export function electronDialogs(getWindow: () => BrowserWindow | null): DialogPort {
  const parent = (): BrowserWindow | undefined => getWindow() ?? undefined;
  return {
    async pickStoreFolder() {
      const options: Electron.OpenDialogOptions = {
        title: 'Open Store',
        buttonLabel: 'Open Store',
        message: 'Choose a BentoML home (the folder holding models/) or its models folder.',
        properties: ['openDirectory', 'createDirectory'],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickImportFiles() {
      const options: Electron.OpenDialogOptions = {
        title: 'Import Models',
        buttonLabel: 'Import',
        filters: [archiveFilter, { name: 'All files', extensions: ['*'] }],
        properties: ['openFile', 'multiSelections'],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async pickExportPath(defaultName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Export Model',
        buttonLabel: 'Export',
        defaultPath: path.join(app.getPath('downloads'), defaultName),
        filters: [archiveFilter],
      };
      const win = parent();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickExportFolder() {
      const options: Electron.OpenDialogOptions = {
        title: 'Export Models',
        buttonLabel: 'Export Here',
        message: 'Choose a folder: each version is written into it as <name>-<version>.bentomodel.',
        defaultPath: app.getPath('downloads'),
        properties: ['openDirectory', 'createDirectory'],
      };
      const win = parent();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}

export const electronShell: ShellPort = {
  reveal: (target) => shell.showItemInFolder(target),
};
