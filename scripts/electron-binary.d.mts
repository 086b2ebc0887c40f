export declare const MISSING_ELECTRON: string;
export declare function findElectronBinary(projectRoot?: string): { path: string; reason?: undefined } | { path?: undefined; reason: string };
export declare function ensureElectronBinary(
  projectRoot?: string,
  options?: { onDownload?: () => void },
): { path: string; reason?: undefined } | { path?: undefined; reason: string };
export declare function downloadFailed(cause: string | undefined): string;
