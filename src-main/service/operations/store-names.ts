import { isValidTagComponent } from '../../shared/tag-rules.ts';

/**
 * The model names that tags as typed name, keeping only those a store can hold. A tag may be no
 * name at all ('Bad Tag!', '..', ''): asking the rescans for it made them fail, log a stack trace
 * and rescan the whole store, on every such request. A refused request changed nothing under such
 * a name, so there is nothing of it to rescan.
 */
export function storeNamesOf(tags: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const tag of tags) {
    const name = (tag.split(':')[0] ?? tag).toLowerCase();
    if (isValidTagComponent(name)) names.add(name);
  }
  return names;
}
