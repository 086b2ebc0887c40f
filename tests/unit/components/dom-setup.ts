// Setup of the 'components' project (vitest.config.ts): jest-dom's matchers, a clean window
// after every test, and stand-ins for the three things jsdom does not do that the components use.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setApi } from '../../../src-renderer/state/bridge.ts';
import { clearNotices } from '../../../src-renderer/state/actions/notices.ts';
import { stopApp } from '../../../src-renderer/state/actions/store-actions.ts';
import { resetApp } from '../../../src-renderer/state/store.ts';
import { settleWindow } from './start-window.ts';

// findBy/waitFor poll until this long: a busy 2-core machine can take seconds for what takes
// milliseconds alone, and no test may depend on speed.
configure({ asyncUtilTimeout: 30_000 });

// jsdom has no layout, so nothing ever resizes: an observer that is never called is exact.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

// jsdom has <dialog> but not its modal methods: `open` is what they change that a test can see
// (the browser's focus trap and Esc are Chromium's, covered by the e2e suite).
if (!Reflect.has(HTMLDialogElement.prototype, 'showModal')) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    },
    close(this: HTMLDialogElement) {
      if (!this.open) return;
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    },
  });
}

// jsdom does no layout and no scrolling, and a virtualized list needs both. A listbox (the model
// and version lists) is laid out as the CSS would: its viewport is its inline height (the version
// list sets one) or a 600 px window's worth, its content is its sizer's inline height, and
// scrollTo moves it within those bounds and fires 'scroll' on the next frame, as a browser does.
const isListbox = (el: Element): el is HTMLElement => el.getAttribute('role') === 'listbox';
const inlineHeight = (el: Element | null): number => parseFloat((el as HTMLElement | null)?.style.height ?? '') || 0;
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return isListbox(this) ? inlineHeight(this) || 600 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return isListbox(this) ? Math.max(inlineHeight(this.firstElementChild), this.clientHeight) : 0;
  },
});
if (!Reflect.has(Element.prototype, 'scrollTo')) {
  Object.assign(Element.prototype, {
    scrollTo(this: Element, options?: ScrollToOptions | number, y?: number) {
      const top = typeof options === 'number' ? y : options?.top;
      if (top === undefined) return;
      const next = Math.max(0, Math.min(top, this.scrollHeight - this.clientHeight));
      if (next === this.scrollTop) return;
      this.scrollTop = next;
      // A browser fires 'scroll' when it next renders, never inside the call.
      requestAnimationFrame(() => this.dispatchEvent(new Event('scroll')));
    },
  });
}

afterEach(async () => {
  cleanup();
  await settleWindow();
  stopApp();
  clearNotices();
  setApi(null);
  resetApp();
});
