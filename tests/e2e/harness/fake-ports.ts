// The OS-facing ports of the service, played by the test: dialogs answer with paths the test
// chose beforehand (null / [] when it chose none, like a cancelled dialog); reveals are recorded.
import type { DialogPort, ShellPort } from '../../../src-main/ipc/shelf-service.ts';

export class FakeDialogs implements DialogPort {
  readonly storeFolders: (string | null)[] = [];
  readonly importFiles: string[][] = [];
  readonly exportPaths: (string | null)[] = [];
  /** Every dialog the app opened, in order, with the default name it proposed for exports. */
  readonly opened: { kind: 'store' | 'import' | 'export'; defaultName?: string }[] = [];

  async pickStoreFolder(): Promise<string | null> {
    this.opened.push({ kind: 'store' });
    return this.storeFolders.shift() ?? null;
  }

  async pickImportFiles(): Promise<string[]> {
    this.opened.push({ kind: 'import' });
    return this.importFiles.shift() ?? [];
  }

  async pickExportPath(defaultName: string): Promise<string | null> {
    this.opened.push({ kind: 'export', defaultName });
    return this.exportPaths.shift() ?? null;
  }
}

export class FakeShell implements ShellPort {
  readonly revealed: string[] = [];

  reveal(target: string): void {
    this.revealed.push(target);
  }
}
