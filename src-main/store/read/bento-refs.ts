import type { Dirent } from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseTag } from '../../shared/tag-rules.ts';
import { storePaths } from '../paths/home.ts';
import { readYamlTree } from '../yaml/yaml-read.ts';
import { toJs } from '../yaml/yaml-tree.ts';

async function subdirs(dir: string): Promise<string[]> {
  const entries: Dirent[] = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

function modelTag(entry: unknown): string | null {
  const raw = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as { tag?: unknown }).tag : null;
  if (typeof raw !== 'string') return null;
  try {
    const t = parseTag(raw);
    return t.version === null ? null : `${t.name}:${t.version}`;
  } catch {
    return null;
  }
}

/** Every model tag a bento.yaml references: `models` and `services[].models` (bento:780-785). */
function referencedTags(doc: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const add = (list: unknown): void => {
    if (Array.isArray(list)) for (const m of list) {
      const tag = modelTag(m);
      if (tag) out.add(tag);
    }
  };
  add(doc.models);
  if (Array.isArray(doc.services)) for (const s of doc.services) if (s && typeof s === 'object') add((s as { models?: unknown }).models);
  return out;
}

/**
 * Tags of local bentos that use model `tag` (§10.1, check_model_is_used): bentos that carry their
 * own `models/` copy are skipped; an unreadable bento.yaml is skipped too.
 */
export async function bentosUsing(home: string, tag: string): Promise<string[]> {
  const parsed = parseTag(tag);
  const wanted = `${parsed.name}:${parsed.version ?? ''}`;
  const bentosDir = storePaths(home).bentos;
  const users: string[] = [];
  for (const name of await subdirs(bentosDir)) {
    for (const version of await subdirs(path.join(bentosDir, name))) {
      const dir = path.join(bentosDir, name, version);
      const ownModels = await fsp.stat(path.join(dir, 'models')).then(() => true, () => false);
      if (ownModels) continue;
      let doc: Record<string, unknown>;
      try {
        const tree = readYamlTree(await fsp.readFile(path.join(dir, 'bento.yaml'), 'utf8'));
        if (!tree || tree.t !== 'map') continue;
        doc = toJs(tree) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (!referencedTags(doc).has(wanted)) continue;
      const bName = typeof doc.name === 'string' ? doc.name : name;
      const bVersion = typeof doc.version === 'string' ? doc.version : version;
      users.push(`${bName}:${bVersion}`);
    }
  }
  return users;
}

/** Every model tag used by a local bento, with the bentos using it (one pass over bentos/, for prune). */
export async function bentoUsage(home: string): Promise<Map<string, string[]>> {
  const bentosDir = storePaths(home).bentos;
  const usage = new Map<string, string[]>();
  for (const name of await subdirs(bentosDir)) {
    for (const version of await subdirs(path.join(bentosDir, name))) {
      const dir = path.join(bentosDir, name, version);
      if (await fsp.stat(path.join(dir, 'models')).then(() => true, () => false)) continue;
      let doc: Record<string, unknown>;
      try {
        const tree = readYamlTree(await fsp.readFile(path.join(dir, 'bento.yaml'), 'utf8'));
        if (!tree || tree.t !== 'map') continue;
        doc = toJs(tree) as Record<string, unknown>;
      } catch {
        continue;
      }
      const bento = `${typeof doc.name === 'string' ? doc.name : name}:${typeof doc.version === 'string' ? doc.version : version}`;
      for (const tag of referencedTags(doc)) usage.set(tag, [...(usage.get(tag) ?? []), bento]);
    }
  }
  return usage;
}
