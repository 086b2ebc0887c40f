// The delete dialog's sentence: what, how much, where it goes (ux.md "Deleting").
import { humanSize } from '../../src-main/shared/human-size.ts';

export interface DeleteScope {
  readonly tags: readonly string[];
  /** Names being removed whole. */
  readonly names: readonly string[];
  readonly size: number;
}

const n = (count: number): string => count.toLocaleString('en-US');

export function deleteQuestion(scope: DeleteScope): string {
  const size = humanSize(scope.size);
  const count = scope.tags.length;
  const restore = count === 1 ? 'You can restore it until you empty the trash.' : 'You can restore them until you empty the trash.';
  if (scope.names.length === 1) {
    const what = count === 1 ? `${scope.names[0]} and its only version` : `${scope.names[0]} and all its ${n(count)} versions`;
    return `Move ${what} (${size}) to the trash? ${restore}`;
  }
  if (scope.names.length > 1) {
    return `Move ${n(scope.names.length)} models (${n(count)} versions, ${size}) to the trash? ${restore}`;
  }
  if (count === 1) return `Move ${scope.tags[0]} (${size}) to the trash? ${restore}`;
  const names = new Set(scope.tags.map((t) => t.split(':')[0]));
  if (names.size === 1) return `Move ${n(count)} versions of ${[...names][0]} (${size}) to the trash? ${restore}`;
  return `Move ${n(count)} versions of ${n(names.size)} models (${size}) to the trash? ${restore}`;
}

/** One warning line per version a local bento uses. */
export function usageWarnings(usage: Readonly<Record<string, readonly string[]>>): string[] {
  const lines: string[] = [];
  for (const [tag, bentos] of Object.entries(usage)) {
    if (bentos.length === 0) continue;
    const more = bentos.length > 1 ? ` and ${n(bentos.length - 1)} more` : '';
    lines.push(`${tag} is used by the bento ${bentos[0]}${more}. That bento cannot be served or containerized until you restore it.`);
  }
  return lines;
}

/** Versions with no model.yaml yet: a program may be saving them right now (format spec: the
 * version folder exists before model.yaml is written). */
export function writingWarning(writing: readonly string[]): string | null {
  if (writing.length === 0) return null;
  if (writing.length === 1) return `${writing[0]} is still being written (it has no model.yaml yet). If a program is saving it now, that save will fail.`;
  return `${n(writing.length)} of these versions are still being written (no model.yaml yet). If a program is saving them now, those saves will fail.`;
}

/** Ticking every version of a model deletes the model: say so, once per model. */
export interface EmptiedModel {
  readonly name: string;
  readonly versions: number;
}

export function emptiedWarnings(models: readonly EmptiedModel[]): string[] {
  return models.map(({ name, versions }) =>
    versions === 1
      ? `This is the only version of ${name}, so the model ${name} goes too. Restoring the version brings it back.`
      : `These are all ${n(versions)} versions of ${name}, so the model ${name} goes too. Restoring them brings it back.`,
  );
}

export function deletedSentence(count: number, size: number): string {
  return `Moved ${count === 1 ? '1 version' : `${n(count)} versions`} (${humanSize(size)}) to the trash`;
}
