// An external writer that behaves like BentoML's register() (format spec §9.1): mkdir the final
// version dir, copy files into it one by one, then write `latest` in place (truncate + write).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { formatCreationTime } from '../../src-main/store/yaml/creation-time.ts';
import { newModelInfo, serializeModelYaml } from '../../src-main/store/yaml/model-yaml.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function modelYaml(name: string, version: string, when = new Date()): string {
  return serializeModelYaml(newModelInfo({ name, version, creationTime: formatCreationTime(when), labels: { owner: 'watcher-test' } }));
}

export async function writeLikeBentoML(
  models: string,
  name: string,
  version: string,
  opts: { when?: Date; between?: () => Promise<void>; weights?: number } = {},
): Promise<void> {
  const dir = path.join(models, name, version);
  await fsp.mkdir(dir, { recursive: true });
  await opts.between?.();
  const weights = await fsp.open(path.join(dir, 'weights.bin'), 'w');
  for (let i = 0; i < (opts.weights ?? 4); i += 1) {
    await weights.write(Buffer.alloc(64 * 1024, i));
    await opts.between?.();
  }
  await weights.close();
  await fsp.writeFile(path.join(dir, 'model.yaml'), modelYaml(name, version, opts.when));
  await fsp.writeFile(path.join(models, name, 'latest'), version);
}

/** Ready-made complete version (for stores that exist before the watcher starts). */
export async function seedVersion(models: string, name: string, version: string, when: Date): Promise<void> {
  const dir = path.join(models, name, version);
  await fsp.mkdir(dir, { recursive: true });
  await fsp.writeFile(path.join(dir, 'weights.bin'), 'w');
  await fsp.writeFile(path.join(dir, 'model.yaml'), modelYaml(name, version, when));
  await fsp.writeFile(path.join(models, name, 'latest'), version);
}

/** Inotify watches this process holds (lines `inotify wd:` in /proc/self/fdinfo of inotify fds). */
export async function inotifyWatches(pid: number | 'self' = 'self'): Promise<number> {
  let count = 0;
  for (const fd of await fsp.readdir(`/proc/${pid}/fd`)) {
    const target = await fsp.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (!target.includes('inotify')) continue;
    const info = await fsp.readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
    count += info.split('\n').filter((line) => line.startsWith('inotify wd:')).length;
  }
  return count;
}

/**
 * Resolves with the first value for which `pick` returns something, polling `read`. The default
 * wait is long (half the integration timeout): a busy machine is slow at random, and a passing
 * test never waits it out.
 */
export async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(20);
  }
}
