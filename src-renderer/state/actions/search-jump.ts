// Enter in the search box opens the top result: at the version the search found it by (a version
// prefix, a label), selected and scrolled to in the version table, or as usual when its name matched.
import { selectActiveGroup, selectVisibleGroups } from '../selectors.ts';
import { matchingVersion } from '../search-match.ts';
import { getState } from '../store.ts';
import { selectName, selectTag } from './selection.ts';

/** Opens the first model of the list as searched; true when it opened at a matching version. */
export function openTopResult(): boolean {
  const s = getState();
  const top = selectVisibleGroups(s)[0];
  if (!top) return false;
  if (top.name !== s.activeName) selectName(top.name);
  const version = matchingVersion(selectActiveGroup(getState()), getState().search);
  if (!version) return false;
  if (getState().activeTag !== version.tag) selectTag(version.tag);
  return true;
}
