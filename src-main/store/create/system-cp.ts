import { spawn } from 'node:child_process';
import { constants, promises as fsp } from 'node:fs';
import { abortedError } from '../paths/fs-errors.ts';
import { changedError } from './source-changes.ts';

// Big files are copied by the system's `cp` in a child process. Measured on a busy 2-core
// machine (bench/create-bench.ts), copying through Node's thread pool in chunks took 1.2-3x the
// time of `cp`, because every chunk needs the event loop; `cp` copies in the kernel
// (copy_file_range) and still lets us report progress (the destination's growing size) and
// cancel at once (kill). Any failure of `cp` makes the caller copy the file itself, which
// then reports the real errno (ENOSPC, EACCES, ...) as a sentence. `cp` copies up to the end
// of the file, however long it keeps growing: once the copy passes the planned size, `cp` is
// killed and the copy refused (source-changes.ts), so a growing file cannot hold a create open.

const CP = '/bin/cp';
const POLL_MS = 100;
let available: Promise<boolean> | undefined;

/** `MODEL_SHELF_COPY_ENGINE=node` forces the in-process copy (Windows has no `cp` anyway). */
export function systemCpAvailable(): Promise<boolean> {
  if (process.platform === 'win32' || process.env.MODEL_SHELF_COPY_ENGINE === 'node') return Promise.resolve(false);
  available ??= fsp.access(CP, constants.X_OK).then(() => true, () => false);
  return available;
}

/** Returns false when `cp` could not do it (the partial destination is removed). */
export function copyWithSystemCp(src: string, dst: string, size: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    // '--' so that a name starting with '-' is never read as an option.
    const child = spawn(CP, ['--', src, dst], { stdio: 'ignore' });
    let reported = 0;
    let settled = false;
    let grew = false;
    const report = (now: number): void => {
      const clamped = Math.min(now, size);
      if (clamped > reported) {
        onBytes(clamped - reported);
        reported = clamped;
      }
    };
    const timer = setInterval(() => {
      fsp.stat(dst).then((s) => {
        if (settled) return;
        if (s.size > size) {
          grew = true;
          child.kill('SIGKILL');
        }
        report(s.size);
      }, () => undefined);
    }, POLL_MS);
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    onBytes(0);
    const finish = async (ok: boolean): Promise<void> => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      if (ok) {
        report(size);
        resolve(true);
        return;
      }
      await fsp.rm(dst, { force: true });
      if (signal?.aborted) reject(abortedError());
      else if (grew) reject(changedError(src, 'copied'));
      else resolve(false);
    };
    child.on('error', () => void finish(false));
    child.on('exit', (code) => void finish(code === 0 && !signal?.aborted && !grew));
  });
}
