// Every component test starts the window's state the way the app does, on the typed fake of main.
import { setApi } from '../../../src-renderer/state/bridge.ts';
import { startApp } from '../../../src-renderer/state/actions/store-actions.ts';
import { resetApp } from '../../../src-renderer/state/store.ts';
import { FakeMain, type FakeMainOptions } from '../../mocks/fake-main.ts';
import { makeVersion } from '../../mocks/fake-versions.ts';

let current: FakeMain | null = null;

/** Resets the store, connects a fresh fake main and runs the app's start-up against it. */
export async function startWindow(options: FakeMainOptions = {}): Promise<FakeMain> {
  resetApp();
  const main = new FakeMain(options);
  current = main;
  setApi(main.api());
  await startApp(() => undefined);
  return main;
}

/** Lets the running test's requests finish (dom-setup.ts calls it after each test). */
export async function settleWindow(): Promise<void> {
  await current?.settle();
  current = null;
}

/** `count` versions of `name`, newest first, one minute apart, ending `minutesAgo` before 2026-01-01. */
export function versionsOf(name: string, count: number, extra: Parameters<typeof makeVersion>[4] = {}, minutesAgo = 0) {
  const end = Date.parse('2026-01-01T00:00:00Z') - minutesAgo * 60_000;
  return Array.from({ length: count }, (_, i) => makeVersion(name, `v${String(count - i).padStart(3, '0')}`, end - i * 60_000, 1024 * (i + 1), extra));
}
