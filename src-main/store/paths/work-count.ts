import { channel } from 'node:diagnostics_channel';

// Tests prove that a hostile input costs linear (or bounded) work by COUNTING steps, never by
// timing them: a busy 2-core machine is slow at random, a count is the same everywhere.
// A counted loop calls `step()` of its meter; the meter publishes on a named diagnostics
// channel only while someone subscribes (a test through countWork), so outside tests a step
// costs one property read.

/** The counted kinds of work, one per loop whose complexity a test proves. */
export type WorkKind =
  /** create/flush-tree.ts: one fsync, or one syncfs of the whole staged tree. */
  | 'create-flush'
  /** create/ (plan-copy.ts, copy-tree.ts, copy-file.ts): one filesystem call made for a source file or folder. */
  | 'create-file-call'
  /** yaml-read.ts: one YAML node visited (the anchor walk, or a value built). */
  | 'yaml-node'
  /** archive-links.ts: one link followed while resolving a link member to its file. */
  | 'link-step'
  /** scan.ts: one directory of the store listed, or one version read (its model.yaml and size). */
  | 'store-read'
  /** usage/tree-walk.ts: one folder listed or one entry lstat'ed by `du` and `prune`; prune/: one model.yaml read. */
  | 'usage-read';

export interface WorkMeter {
  step(): void;
}

const channelName = (kind: WorkKind): string => `model-shelf:work:${kind}`;

export function workMeter(kind: WorkKind): WorkMeter {
  const ch = channel(channelName(kind));
  return {
    step: () => {
      if (ch.hasSubscribers) ch.publish(kind);
    },
  };
}

/**
 * How many steps of `kind` were taken while `run` ran (and its result, or the error it threw).
 * Run counts one after another: steps of anything else running meanwhile are counted too.
 */
export async function countWork<T>(kind: WorkKind, run: () => T | Promise<T>): Promise<{ steps: number; result?: T; error?: unknown }> {
  const ch = channel(channelName(kind));
  let steps = 0;
  const onStep = (): void => {
    steps += 1;
  };
  ch.subscribe(onStep);
  try {
    const result = await run();
    return { steps, result };
  } catch (error) {
    return { steps, error };
  } finally {
    ch.unsubscribe(onStep);
  }
}
