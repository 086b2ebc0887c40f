import type { TreeUsage } from '../usage/tree-walk.ts';

/**
 * What each removal frees when the trees go in this order: a file hard-linked into several of
 * them is freed by the removal that takes its last link, so the figures add up to what the whole
 * run frees (du's per-version "frees" would count such a file nowhere).
 */
export function freedInOrder(trees: readonly TreeUsage[]): number[] {
  const gone = new Map<string, number>();
  return trees.map((tree) => {
    let bytes = tree.own;
    if (tree.linked) {
      for (const [key, l] of tree.linked) {
        const before = gone.get(key) ?? 0;
        gone.set(key, before + l.count);
        if (before < l.nlink && before + l.count >= l.nlink) bytes += l.size;
      }
    }
    return bytes;
  });
}
