import type { EditResult, FieldChange, PromoteResult } from '../../store/index.ts';
import { toJson } from '../json-out.ts';

// What `label`, `metadata` and `promote` print: each change on its own line (label values as
// they are, metadata values as JSON, the way `--set` takes them), then how to undo it.

const shown = (c: FieldChange, value: unknown): string => (c.field === 'labels' ? String(value) : toJson(value).replace(/\n\s*/g, ' '));

function changeLine(c: FieldChange): string {
  const what = c.field === 'labels' ? 'label' : 'metadata';
  if (c.after === undefined) return `  removed ${what} ${c.key} (was ${shown(c, c.before)})`;
  const was = c.before === undefined ? 'new' : `was ${shown(c, c.before)}`;
  return `  set ${what} ${c.key}=${shown(c, c.after)} (${was})`;
}

export function editLines(result: EditResult): string[] {
  const undo =
    result.undoId === null
      ? '  (the previous model.yaml could not be kept in the trash, so this change cannot be undone from there)'
      : `  undo: model-shelf trash restore ${result.undoId}`;
  return [`${result.tag}:`, ...result.changes.map(changeLine), undo];
}

export function editJson(result: EditResult): unknown {
  return { tag: result.tag, changes: result.changes, undo: result.undoId, labels: result.labels, metadata: result.metadata };
}

export function printEdit(result: EditResult, json: boolean, out: (line: string) => void): void {
  if (json) out(toJson(editJson(result)));
  else for (const line of editLines(result)) out(line);
}

export function printPromote(result: PromoteResult, json: boolean, out: (line: string) => void): void {
  if (json) return out(toJson({ tag: result.tag, edits: result.edits.map(editJson) }));
  for (const edit of result.edits) for (const line of editLines(edit)) out(line);
}
