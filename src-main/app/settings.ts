// App settings (window bounds, last store, polling) in userData/settings.json. Written
// atomically (write-file-atomic: temp file + rename) so a crash never leaves half a file; a
// missing or unreadable file simply means defaults.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { AppSettings, SettingsPort } from '../service/index.ts';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  maximized: z.boolean().optional(),
});

const settingsSchema = z.object({
  lastStore: z.string().min(1).max(4096).optional(),
  windowBounds: boundsSchema.optional(),
  usePolling: z.boolean().optional(),
});

function parseSettings(text: string): AppSettings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function createJsonSettings(file: string): SettingsPort {
  let current: Promise<AppSettings> | null = null;
  let writing: Promise<void> = Promise.resolve();
  const load = async (): Promise<AppSettings> => {
    try {
      return parseSettings(await fsp.readFile(file, 'utf8'));
    } catch {
      return {};
    }
  };
  return {
    get: () => (current ??= load()),
    set(patch) {
      const next = (current ?? load()).then((before) => settingsSchema.parse({ ...before, ...patch }) as AppSettings);
      current = next.catch(() => load());
      writing = writing
        .catch(() => undefined)
        .then(async () => {
          await fsp.mkdir(path.dirname(file), { recursive: true });
          await writeFileAtomic(file, `${JSON.stringify(await next, null, 2)}\n`, { mode: 0o600 });
        });
      return writing;
    },
  };
}
