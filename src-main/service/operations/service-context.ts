// What every operation of the service gets: the session of the home open now, and the ports.
import type { DialogPort, Logger, ShellPort } from '../ports.ts';
import type { StoreSession } from '../store-session.ts';

export interface ServiceContext {
  /** The session open now. "Open another store" replaces it, so ask again after every await. */
  readonly session: () => StoreSession;
  /** Stops the session open now and starts one on `home` (remembered in the settings). */
  readonly switchHome: (home: string) => Promise<void>;
  /** The window's listeners exist: pushes queued until now flow (push-queue.ts). */
  readonly markReady: () => void;
  readonly dialogs: DialogPort;
  readonly shell: ShellPort;
  readonly appVersion: string;
  readonly platform: string;
  readonly log: Logger;
}
