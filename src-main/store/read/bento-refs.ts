import fsp from 'node:fs/promises';
import { parseTag } from '../../shared/tag-rules.ts';
import { storePaths } from '../paths/home.ts';
import { readYamlTree } from '../yaml/yaml-read.ts';
import { toJs } from '../yaml/yaml-tree.ts';
import { joinRaw, readEntries, type DiskPath, type RawEntry } from './raw-names.ts';
import { regularFileText } from './regular-file.ts';

/**
 * A bento.yaml lists models, services and build options: kilobytes. A bigger one is not parsed
 * (it would hold main for seconds) and counts as unreadable, like a damaged one.
 */
export const BENTO_YAML_LIMIT = 16 * 1024 * 1024;

async function subdirs(dir: DiskPath): Promise<RawEntry[]> {
  const entries = await readEntries(dir).catch(() => [] as RawEntry[]);
  return entries.filter((e) => e.isDirectory).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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

interface LocalBento {
  /** name:version as bento.yaml says (the folder names when it does not). */
  readonly tag: string;
  readonly uses: Set<string>;
}

/**
 * The local bentos that refer to models (§10.1, check_model_is_used): bentos that carry their own
 * `models/` copy are skipped, and so is a bento.yaml that cannot be read as one: missing,
 * damaged, over BENTO_YAML_LIMIT, or not a regular file (a pipe put there is never waited on).
 */
async function localBentos(home: string): Promise<LocalBento[]> {
  const bentosDir = storePaths(home).bentos;
  const out: LocalBento[] = [];
  for (const name of await subdirs(bentosDir)) {
    for (const version of await subdirs(name.path)) {
      const dir = version.path;
      if (await fsp.stat(joinRaw(dir, 'models')).then(() => true, () => false)) continue;
      const text = await regularFileText(joinRaw(dir, 'bento.yaml'), BENTO_YAML_LIMIT);
      if (text === null) continue;
      let doc: Record<string, unknown>;
      try {
        const tree = readYamlTree(text);
        if (!tree || tree.t !== 'map') continue;
        doc = toJs(tree) as Record<string, unknown>;
      } catch {
        continue;
      }
      const tag = `${typeof doc.name === 'string' ? doc.name : name.name}:${typeof doc.version === 'string' ? doc.version : version.name}`;
      out.push({ tag, uses: referencedTags(doc) });
    }
  }
  return out;
}

/** Tags of local bentos that use model `tag`. */
export async function bentosUsing(home: string, tag: string): Promise<string[]> {
  const parsed = parseTag(tag);
  const wanted = `${parsed.name}:${parsed.version ?? ''}`;
  return (await localBentos(home)).filter((b) => b.uses.has(wanted)).map((b) => b.tag);
}

/** Every model tag used by a local bento, with the bentos using it (one pass over bentos/, for prune). */
export async function bentoUsage(home: string): Promise<Map<string, string[]>> {
  const usage = new Map<string, string[]>();
  for (const bento of await localBentos(home)) for (const tag of bento.uses) usage.set(tag, [...(usage.get(tag) ?? []), bento.tag]);
  return usage;
}
