export declare const MISSING_ELECTRON: string;
export declare function findElectronBinary(projectRoot?: string): { path: string; reason?: undefined } | { path?: undefined; reason: string };
