// What "nothing leaves the window" means, checked in the page (issue 12 defects 4, 5, 10):
// - every visible interactive element lies inside the viewport and is not cut by an ancestor that
//   hides overflow (a scrolling ancestor may scroll it out of view: scrolling reaches it);
// - every box whose text overflows it says so: `text-overflow: ellipsis` and the full text as a
//   title on the box or an ancestor.
import type { Page } from 'playwright-core';

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const W = document.documentElement.clientWidth;
    const H = document.documentElement.clientHeight;
    const name = (el: Element): string => {
      const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} “${label}”`;
    };
    const shown = (el: Element): boolean => {
      if (el.closest('[hidden], dialog:not([open]), .visually-hidden')) return false;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const interactive = document.querySelectorAll('button, input:not([type=file]), select, textarea, a[href], [role=option], [role=tab], [role=separator][tabindex], [tabindex]:not([tabindex="-1"])');
    for (const el of interactive) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      let left = r.left;
      let top = r.top;
      let right = r.right;
      let bottom = r.bottom;
      let scrolledOut = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const clipsX = cs.overflowX !== 'visible';
        const clipsY = cs.overflowY !== 'visible';
        if (!clipsX && !clipsY) continue;
        const b = a.getBoundingClientRect();
        const scrollsX = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
        const scrollsY = cs.overflowY === 'auto' || cs.overflowY === 'scroll';
        // A scroller reaches what it clips: keep only the part shown.
        if (clipsX && scrollsX) { left = Math.max(left, b.left); right = Math.min(right, b.right); }
        if (clipsY && scrollsY) { top = Math.max(top, b.top); bottom = Math.min(bottom, b.bottom); }
        if (right <= left || bottom <= top) { scrolledOut = true; break; }
        // A box that hides overflow cuts what sticks out of it.
        if ((clipsX && !scrollsX && (left < b.left - 1 || right > b.right + 1)) || (clipsY && !scrollsY && (top < b.top - 1 || bottom > b.bottom + 1))) {
          problems.push(`${name(el)} is cut by ${name(a).slice(0, 80)}`);
          scrolledOut = true;
          break;
        }
      }
      if (scrolledOut) continue;
      if (left < -1 || top < -1 || right > W + 1 || bottom > H + 1) {
        problems.push(`${name(el)} leaves the ${W}x${H} window (${Math.round(left)},${Math.round(top)} to ${Math.round(right)},${Math.round(bottom)})`);
      }
    }
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement) || !shown(el)) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || !(el.textContent ?? '').trim()) continue;
      const cs = getComputedStyle(el);
      if (cs.overflowX === 'auto' || cs.overflowX === 'scroll' || cs.overflowX === 'visible') continue;
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') continue;
      const titled = el.closest('[title]:not([title=""])') !== null;
      if (cs.textOverflow !== 'ellipsis' || !titled) {
        problems.push(`${name(el).slice(0, 100)} cuts its text (${el.scrollWidth} px in ${el.clientWidth} px) without ${cs.textOverflow !== 'ellipsis' ? 'an ellipsis' : 'a title'}`);
      }
    }
    return problems;
  });
}
