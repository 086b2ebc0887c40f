import type { StorePaths } from '../paths/home.ts';

// The one place every rewrite of a finished version's model.yaml passes (an edit of its labels or
// metadata, and the undo of one), called under the name's lock right after the new file was
// renamed into place and before the lock is released. Whatever keeps its own record of a
// version's bytes updates it here: the integrity room (issue 11 §4) refreshes model.yaml's entry
// in the version's SHA-256 manifest, so that `verify` does not report the edit as damage.

export interface ModelYamlRewrite {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the version directory. */
  readonly dir: string;
  /** The bytes now on disk. */
  readonly bytes: Buffer;
}

export async function onModelYamlRewritten(paths: StorePaths, rewrite: ModelYamlRewrite): Promise<void> {
  const { setManifestEntry } = await import('../integrity/record-manifest.ts');
  await setManifestEntry(paths, rewrite.name, rewrite.version, 'model.yaml', rewrite.bytes);
}
