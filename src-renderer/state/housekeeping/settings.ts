// Housekeeping settings kept by the window (localStorage, like the layout): whether create and
// import link files identical to stored ones instead of copying them (create/import --dedup).
const LINK_KEY = 'model-shelf.link-identical';

export function linkIdentical(): boolean {
  try {
    return localStorage.getItem(LINK_KEY) === '1';
  } catch {
    return false;
  }
}

export function setLinkIdentical(on: boolean): void {
  try {
    if (on) localStorage.setItem(LINK_KEY, '1');
    else localStorage.removeItem(LINK_KEY);
  } catch {
    // Storage refused (private mode): the setting lasts for this session only through the checkbox.
  }
}

/** The create/import request's extra field: present only when the setting is on. */
export function dedupOption(): { dedup?: true } {
  return linkIdentical() ? { dedup: true } : {};
}
