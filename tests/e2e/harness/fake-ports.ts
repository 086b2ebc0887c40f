// The OS-facing ports of the service, played by the test: dialogs answer with paths the test
// chose beforehand (null / [] when it chose none, like a cancelled dialog); reveals are recorded.
import type { DialogPort, ShellPort } from '../../../src-main/service/index.ts';

export class FakeDialogs implements DialogPort {
  readonly storeFolders: (string | null)[] = [];
  readonly importFiles: string[][] = [];
  /** A promise holds the save dialog open until the test settles it (a task waiting for a file name). */
  readonly exportPaths: (string | null | Promise<string | null>)[] = [];
  /** Every dialog the app opened, in order, with the default name it proposed for exports. */
  /** Folders the bulk export's folder dialog answers with, in order (null: cancelled). */
  readonly exportFolders: (string | null)[] = [];
  readonly opened: { kind: 'store' | 'import' | 'export' | 'export-folder'; defaultName?: string }[] = [];

  pickStoreFolder(): Promise<string | null> {
    this.opened.push({ kind: 'store' });
    return Promise.resolve(this.storeFolders.shift() ?? null);
  }

  pickImportFiles(): Promise<string[]> {
    this.opened.push({ kind: 'import' });
    return Promise.resolve(this.importFiles.shift() ?? []);
  }

  pickExportPath(defaultName: string): Promise<string | null> {
    this.opened.push({ kind: 'export', defaultName });
    return Promise.resolve(this.exportPaths.shift() ?? null);
  }

  pickExportFolder(): Promise<string | null> {
    this.opened.push({ kind: 'export-folder' });
    return Promise.resolve(this.exportFolders.shift() ?? null);
  }
}

export class FakeShell implements ShellPort {
  readonly revealed: string[] = [];

  reveal(target: string): void {
    this.revealed.push(target);
  }
}
