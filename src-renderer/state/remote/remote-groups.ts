// A remote's versions grouped by model name, like the local browser: newest first within a name.
import type { RemoteVersion, RemoteVersionState } from '../../../src-main/shared/remote-types.ts';

export interface RemoteGroup {
  readonly name: string;
  readonly versions: readonly RemoteVersion[];
  readonly totalSize: number;
  readonly newestMs: number;
}

/** When a version was made: its creation_time, else when the object was written (key-only listings). */
export function versionTime(v: RemoteVersion): number {
  return v.creationTimeMs > 0 ? v.creationTimeMs : Date.parse(v.uploadedAt) || 0;
}

export function groupRemote(versions: readonly RemoteVersion[]): RemoteGroup[] {
  const byName = new Map<string, RemoteVersion[]>();
  for (const v of versions) {
    const list = byName.get(v.name);
    if (list) list.push(v);
    else byName.set(v.name, [v]);
  }
  return [...byName.entries()]
    .map(([name, list]) => {
      const sorted = [...list].sort((a, b) => versionTime(b) - versionTime(a) || a.version.localeCompare(b.version));
      return { name, versions: sorted, totalSize: sorted.reduce((s, v) => s + v.size, 0), newestMs: versionTime(sorted[0] as RemoteVersion) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const STATE_WORDS: Record<RemoteVersionState, string> = {
  local: 'local',
  'remote-only': 'remote only',
  differs: 'differs',
};

export const STATE_HINTS: Record<RemoteVersionState, string> = {
  local: 'The same version is in the local store.',
  'remote-only': 'Only on the remote: Pull brings it into the local store.',
  differs: 'The local store has a version with this tag whose content is different.',
};
