import path from 'node:path';
import { isValidTagComponent } from '../../shared/tag-rules.ts';
import type fs from 'node:fs';
import type { DiskPath } from '../read/raw-names.ts';
import { addStat, emptyUsage, listCounted, lstatCounted, mergeUsage, statCounted, walkBelow, type TreeUsage } from './tree-walk.ts';

// The models/ side of `du`: one walk, kept per version, so that a version's, a model's and the
// store's figures (and prune's running total) all come from the same lstat calls.

export interface MeasuredModel {
  readonly name: string;
  /** The name folder itself, `latest`, and anything that is not a version folder. */
  readonly rest: TreeUsage;
  /** Version folders by name, in code-point order. */
  readonly versions: Map<string, TreeUsage>;
  /** Folders in models/<name>/ that are no version: a delete of the last version keeps the name folder then. */
  readonly otherDirs: number;
  /**
   * When models/<name> is a link to a folder elsewhere (another disk): the link itself, which is
   * all `du -sb models/` counts of it. The model's own figures follow the link, as BentoML does.
   */
  readonly link: TreeUsage | null;
}

export interface MeasuredModels {
  readonly models: MeasuredModel[];
  /** models/ itself and what lies in it beside the name folders (only when the whole store is walked). */
  readonly rest: TreeUsage;
  readonly unreadable: string[];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byName = (a: { readonly name: string }, b: { readonly name: string }): number => byCodePoint(a.name, b.name);
const isVersionName = (n: string): boolean => n !== 'latest' && isValidTagComponent(n);

/** models/<name>/: its versions one by one, everything else (the folder, `latest`, strays) as `rest`. */
function measureModel(nameDir: DiskPath, name: string, unreadable: string[]): MeasuredModel {
  const rest = emptyUsage();
  const versions = new Map<string, TreeUsage>();
  let otherDirs = 0;
  const lst = lstatCounted(nameDir, unreadable);
  let link: TreeUsage | null = null;
  if (lst?.isSymbolicLink()) {
    link = emptyUsage();
    addStat(link, lst);
  }
  const st = link === null ? lst : statCounted(nameDir, unreadable);
  if (st === null || !st.isDirectory()) {
    if (st !== null && link === null) addStat(rest, st);
    return { name, rest, versions, otherDirs, link };
  }
  addStat(rest, st);
  for (const { name: entry, path: full } of (listCounted(nameDir, unreadable) ?? []).sort(byName)) {
    const est = lstatCounted(full, unreadable);
    if (est === null) continue;
    // A version is a real folder with a valid name; a link to one counts as the link (du -P).
    const target = est.isDirectory() && isVersionName(entry) ? emptyUsage() : rest;
    addStat(target, est);
    if (est.isDirectory()) walkBelow(full, target, unreadable);
    if (target !== rest) versions.set(entry, target);
    else if (est.isDirectory()) otherDirs += 1;
  }
  return { name, rest, versions, otherDirs, link };
}

function followed(p: DiskPath, unreadable: string[]): fs.Stats | null {
  const st = lstatCounted(p, unreadable);
  return st?.isSymbolicLink() ? statCounted(p, unreadable) : st;
}

/** Every model of models/ (`names` null), or only the named ones. */
export function measureModels(modelsDir: string, names: readonly string[] | null): MeasuredModels {
  const unreadable: string[] = [];
  const rest = emptyUsage();
  const models: MeasuredModel[] = [];
  if (names !== null) {
    for (const name of [...names].sort(byCodePoint)) models.push(measureModel(path.join(modelsDir, name), name, unreadable));
    return { models, rest, unreadable };
  }
  // models/ itself is followed when it is a link (to another disk), as `du -sb models/` does.
  const st = followed(modelsDir, unreadable);
  if (st === null) return { models, rest, unreadable };
  addStat(rest, st);
  for (const { name: entry, path: full } of (listCounted(modelsDir, unreadable) ?? []).sort(byName)) {
    if (isValidTagComponent(entry)) {
      models.push(measureModel(full, entry, unreadable));
      continue;
    }
    // Not a model name (a .DS_Store, a stray folder): counted, as du counts it, under models/.
    const est = lstatCounted(full, unreadable);
    if (est === null) continue;
    addStat(rest, est);
    if (est.isDirectory()) walkBelow(full, rest, unreadable);
  }
  return { models, rest, unreadable };
}

/** One model's whole tree as one usage (its versions merged into the rest). */
export function modelTotal(model: MeasuredModel): TreeUsage {
  const total = emptyUsage();
  mergeUsage(total, model.rest);
  for (const v of model.versions.values()) mergeUsage(total, v);
  return total;
}
