import fs from 'node:fs';
import path from 'node:path';
import { ShelfError } from '../../shared/errors.ts';
import type { PruneKeep, PruneKeepReason, PruneRemoval, PruneReport, PruneRules } from '../../shared/housekeeping-types.ts';
import { checkRules } from '../../shared/prune-rules.ts';
import type { StorePaths } from '../paths/home.ts';
import { isDirectory } from '../paths/fs-probe.ts';
import { isStaleOwner, lockPath, readLockOwner } from '../paths/store-lock.ts';
import { bentoUsage } from '../read/bento-refs.ts';
import { measureModels } from '../usage/measure-models.ts';
import { usageBytes, type TreeUsage } from '../usage/tree-walk.ts';
import { freedInOrder } from './freed-in-order.ts';
import { nameFacts, type NameFacts, type VersionFacts } from './version-facts.ts';

// The plan of `prune` (issue 11 §2): what goes, in which order, what each removal frees, and why
// everything else stays. A dry run prints it; a real run applies exactly it (apply-prune.ts).

/** One planned removal with what the run re-checks before it removes it. */
export interface PruneTarget extends PruneRemoval {
  readonly name: string;
  readonly version: string;
  readonly dev: number;
  readonly ino: number;
  readonly creationTime: string;
  /** The labels as planned (JSON), so that a label edited meanwhile is noticed. */
  readonly labelsJson: string;
  readonly usage: TreeUsage;
}

export interface PrunePlan extends PruneReport {
  readonly rules: PruneRules;
  readonly targets: readonly PruneTarget[];
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

async function lockHolder(paths: StorePaths, name: string): Promise<number | null> {
  const file = lockPath(paths, name);
  if (!fs.existsSync(file)) return null;
  const owner = await readLockOwner(file);
  return owner !== null && !isStaleOwner(owner) ? owner.pid : null;
}

async function checkNames(paths: StorePaths, names: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) if (!(await isDirectory(path.join(paths.models, name)))) missing.push(name);
  if (missing.length === 0) return;
  const what = missing.length === 1 ? `is no model named '${missing[0]}'` : `are no models named ${list(missing.map((n) => `'${n}'`))}`;
  throw new ShelfError('NOT_FOUND', `There ${what} in ${paths.models}, so nothing was pruned. Run \`model-shelf list\` to see the models there.`);
}

interface Verdict {
  readonly keep?: { reason: PruneKeepReason; detail: string };
}

interface NameContext {
  readonly facts: NameFacts;
  readonly usedBy: ReadonlyMap<string, string[]>;
  /** The pid holding the model's lock, or null. */
  readonly locker: number | null;
  readonly rules: PruneRules;
  readonly cutoff: number | null;
  readonly wanted: readonly [string, string][];
}

/**
 * Why `f` stays (protections first, then the rules), or nothing when it goes. `rank`: its place
 * among its model's loadable versions, newest first (-1 for one that cannot be loaded).
 */
function judge(f: VersionFacts, rank: number, c: NameContext): Verdict {
  const v = f.loaded.version;
  if (v.status === 'incomplete') return { keep: { reason: 'being-written', detail: 'it has no model.yaml yet: a program may still be writing it' } };
  if (v.status === 'broken') return { keep: { reason: 'broken', detail: `its model.yaml cannot be used (${v.problem ?? 'unreadable'})` } };
  if (v.version === c.facts.latest) {
    const detail = c.facts.latestGuessed ? `it is the newest version of ${v.name}, whose \`latest\` cannot be resolved (run \`model-shelf repair\`)` : `it is ${v.name}'s latest (what \`bentoml models get ${v.name}\` loads)`;
    return { keep: { reason: 'latest', detail } };
  }
  const bentos = c.usedBy.get(v.tag);
  if (bentos) return { keep: { reason: 'used-by-bento', detail: `the bento${bentos.length > 1 ? 's' : ''} ${list(bentos)} use${bentos.length > 1 ? '' : 's'} it` } };
  if (c.locker !== null) return { keep: { reason: 'locked', detail: `another Model Shelf process (${c.locker}) is changing ${v.name} right now` } };
  if (c.rules.keepLast !== undefined && rank < c.rules.keepLast) return { keep: { reason: 'keep-last', detail: `it is one of the ${c.rules.keepLast} newest versions of ${v.name}` } };
  if (c.cutoff !== null && !(v.creationTimeMs < c.cutoff)) return { keep: { reason: 'newer', detail: `it was created after ${new Date(c.cutoff).toISOString()}` } };
  const missing = c.wanted.filter(([k, val]) => v.labels[k] !== val);
  if (missing.length > 0) return { keep: { reason: 'label', detail: `it does not carry ${list(missing.map(([k, val]) => `${k}=${val}`))}` } };
  return {};
}

export async function planPrune(paths: StorePaths, input: PruneRules, now = Date.now()): Promise<PrunePlan> {
  const rules = checkRules(input);
  const names = rules.names ?? [];
  if (names.length > 0) await checkNames(paths, names);
  const measured = measureModels(paths.models, names.length > 0 ? names : null);
  const usedBy = await bentoUsage(paths.home);
  const cutoff = rules.olderThanMs === undefined ? null : now - rules.olderThanMs;
  const wanted = Object.entries(rules.labels ?? {});
  const keep: PruneKeep[] = [];
  const targets: Omit<PruneTarget, 'bytes'>[] = [];
  for (const model of measured.models) {
    const sizes = new Map([...model.versions].map(([v, u]) => [v, usageBytes(u)]));
    const facts = nameFacts(paths.models, model.name, sizes);
    const locker = await lockHolder(paths, model.name);
    // Newest first (creation_time, as `list` orders), unknown times last.
    const ordered = [...facts.versions].sort((a, b) => (a.loaded.micros === b.loaded.micros ? 0 : a.loaded.micros > b.loaded.micros ? -1 : 1));
    let rank = 0;
    const going: VersionFacts[] = [];
    for (const f of ordered) {
      const v = f.loaded.version;
      const verdict = judge(f, v.status === 'ok' ? rank++ : -1, { facts, usedBy, locker, rules, cutoff, wanted });
      if (verdict.keep) keep.push({ tag: v.tag, ...verdict.keep });
      else going.push(f);
    }
    // Oldest first: a run stopped half-way has removed the oldest.
    for (const f of going.reverse()) {
      const v = f.loaded.version;
      targets.push({ tag: v.tag, name: v.name, version: v.version, dev: f.dev, ino: f.ino, creationTime: v.creationTime, labelsJson: JSON.stringify(v.labels), usage: model.versions.get(v.version) ?? { own: 0, linked: null } });
    }

  }
  const freed = freedInOrder(targets.map((t) => t.usage));
  const planned: PruneTarget[] = targets.map((t, i) => ({ ...t, bytes: freed[i] ?? 0 }));
  return {
    remove: planned.map(({ tag, bytes }) => ({ tag, bytes })),
    keep,
    frees: freed.reduce((a, b) => a + b, 0),
    trash: Boolean(rules.trash),
    rules,
    targets: planned,
  };
}
