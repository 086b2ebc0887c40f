// The fake main's du and prune (tests/mocks/fake-main.ts): the same rules and report shapes as
// store/usage and store/prune, over the in-memory versions (no hard links: nothing is shared).
import type { DiskUsage, PruneKeep, PrunePreview, PruneReport, PruneRules } from '../../src-main/shared/housekeeping-types.ts';
import type { ModelVersion } from '../../src-main/shared/model-types.ts';

export function fakeDiskUsage(versions: readonly ModelVersion[], trashBytes: number, name?: string): DiskUsage {
  const names = [...new Set(versions.map((v) => v.name))].filter((n) => name === undefined || n === name).sort();
  const models = names.map((n) => {
    const vs = versions.filter((v) => v.name === n).sort((a, b) => (a.version < b.version ? -1 : 1));
    const bytes = vs.reduce((s, v) => s + v.size, 0);
    return { name: n, bytes, shared: 0, frees: bytes, versions: vs.map((v) => ({ tag: v.tag, name: v.name, version: v.version, bytes: v.size, shared: 0, frees: v.size })) };
  });
  const modelsBytes = models.reduce((s, m) => s + m.bytes, 0);
  return { name: name ?? null, models, modelsBytes, trashBytes, stagingBytes: 0, totalBytes: modelsBytes + trashBytes, unreadable: [] };
}

export function fakePrunePlan(versions: readonly ModelVersion[], rules: PruneRules, usedBy: (tag: string) => readonly string[], now: number, planId: string): PrunePreview {
  const names = rules.names?.length ? rules.names : [...new Set(versions.map((v) => v.name))].sort();
  const remove: { tag: string; bytes: number }[] = [];
  const keep: PruneKeep[] = [];
  for (const name of names) {
    const newestFirst = versions.filter((v) => v.name === name).sort((a, b) => b.creationTimeMs - a.creationTimeMs);
    let rank = 0;
    const going: ModelVersion[] = [];
    for (const v of newestFirst) {
      const at = v.status === 'ok' ? rank++ : -1;
      const reason: PruneKeep['reason'] | null =
        v.status === 'incomplete' ? 'being-written'
        : v.status === 'broken' ? 'broken'
        : v.latest ? 'latest'
        : usedBy(v.tag).length > 0 ? 'used-by-bento'
        : rules.keepLast !== undefined && at < rules.keepLast ? 'keep-last'
        : rules.olderThanMs !== undefined && v.creationTimeMs >= now - rules.olderThanMs ? 'newer'
        : Object.entries(rules.labels ?? {}).some(([k, val]) => v.labels[k] !== val) ? 'label'
        : null;
      if (reason) keep.push({ tag: v.tag, reason, detail: reason });
      else going.push(v);
    }
    for (const v of going.reverse()) remove.push({ tag: v.tag, bytes: v.size });
  }
  return { planId, remove, keep, frees: remove.reduce((s, r) => s + r.bytes, 0), trash: Boolean(rules.trash) };
}

export const reportOf = (p: PrunePreview): PruneReport => ({ remove: p.remove, keep: p.keep, frees: p.frees, trash: p.trash });
