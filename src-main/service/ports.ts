// What the service needs from the outside world. Electron implements these in src-main/app/;
// tests and the e2e harness pass fakes.
export interface DialogPort {
  /** The folder the user picked (a BENTOML_HOME or its models/ folder), or null. */
  pickStoreFolder(): Promise<string | null>;
  /** Archive files to import; empty when cancelled. */
  pickImportFiles(): Promise<string[]>;
  /** Where to write an export; null when cancelled. */
  pickExportPath(defaultName: string): Promise<string | null>;
  /** A folder to export many versions into; null when cancelled. (Optional: fakes that never export many leave it out.) */
  pickExportFolder?(): Promise<string | null>;
}

export interface ShellPort {
  reveal(path: string): void;
}

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized?: boolean;
}

export interface AppSettings {
  /** The BENTOML_HOME last opened with Open Store...; BENTOML_HOME in the environment wins. */
  readonly lastStore?: string;
  readonly windowBounds?: WindowBounds;
  /** Poll instead of fs events (network volumes). */
  readonly usePolling?: boolean;
}

export interface SettingsPort {
  get(): Promise<AppSettings>;
  set(patch: Partial<AppSettings>): Promise<void>;
}

/** Where the service writes what went wrong inside it (the window only sees a sentence). */
export type Logger = (message: string, error?: unknown) => void;

export const defaultLogger: Logger = (message, error) => {
  console.error(`[model-shelf] ${message}`, error ?? '');
};
