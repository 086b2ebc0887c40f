// A stand-in for an unpacked Electron distribution, for `npm run check:package` where
// Electron's binary cannot be downloaded. electron-builder's Linux `dir` target copies such a
// directory (`-c.electronDist=<dir>`), renames `electron` to the app's executable, writes
// resources/app.asar next to it and flips the fuses in the executable.
//
// @electron/fuses finds the fuse wire by a sentinel string followed by the wire version, its
// length and one byte per fuse. The stub carries that same sentinel and Electron's shipped
// defaults, so electron-builder's real fuse code runs unchanged on it. That proves our
// `electronFuses` config reaches @electron/fuses and sets every fuse as written; it cannot
// prove that a real Electron binary honours them (that is Electron's job).
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

// Wire order of fuse version 1 (@electron/fuses FuseV1Options) and the states Electron ships.
export const FUSE_ORDER = [
  ['runAsNode', true],
  ['enableCookieEncryption', false],
  ['enableNodeOptionsEnvironmentVariable', true],
  ['enableNodeCliInspectArguments', true],
  ['enableEmbeddedAsarIntegrityValidation', false],
  ['onlyLoadAppFromAsar', false],
  ['loadBrowserProcessSpecificV8Snapshot', false],
  ['grantFileProtocolExtraPrivileges', true],
];

export async function makeElectronStub(dir, electronVersion) {
  await mkdir(join(dir, 'resources'), { recursive: true });
  await mkdir(join(dir, 'locales'), { recursive: true });
  const wire = FUSE_ORDER.map(([, on]) => (on ? '1' : '0')).join('');
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# Stand-in for Electron ${electronVersion}; fuse wire: ${FUSE_SENTINEL}`),
    Buffer.from([1, FUSE_ORDER.length]),
    Buffer.from(`${wire}\necho "This is a packaging stub, not Electron." >&2\nexit 1\n`),
  ]);
  await writeFile(join(dir, 'electron'), script);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), electronVersion);
  await writeFile(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/** Reads the fuse wire of a (stub or real) Electron executable: { name: true|false|'removed' }. */
export async function readFuses(executable) {
  const bytes = await readFile(executable);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`No fuse wire found in ${executable}.`);
  const wire = at + FUSE_SENTINEL.length;
  const length = bytes[wire + 1];
  const fuses = {};
  FUSE_ORDER.slice(0, length).forEach(([name], i) => {
    const state = String.fromCharCode(bytes[wire + 2 + i]);
    fuses[name] = state === '1' ? true : state === '0' ? false : 'removed';
  });
  return fuses;
}
