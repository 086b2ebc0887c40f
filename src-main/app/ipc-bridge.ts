// ipcMain.handle for every request channel. Each call is answered only for our window's main
// frame at our origin (design §6); anything else gets FORBIDDEN and never reaches the store.
import { ipcMain, type BrowserWindow, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import type { HandlerTable } from '../ipc/index.ts';
import { REQUEST_CHANNELS } from '../shared/ipc-contract.ts';
import { fail } from '../shared/result.ts';
import type { RendererTarget } from './renderer-target.ts';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function createSenderCheck(getWindow: () => BrowserWindow | null, target: RendererTarget): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return false;
    if (event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    // A sub-frame (an iframe some content managed to create) has a parent; ours does not.
    if (!frame || frame.parent !== null) return false;
    return target.isOurUrl(frame.url);
  };
}

export const FORBIDDEN_MESSAGE = 'This request did not come from the Model Shelf window, so it was refused.';

export const STARTUP_FAILED_MESSAGE = 'Model Shelf could not start watching the store. Quit and start it again; the log has the details.';

/** The one place main touches ipcMain (lint bans it elsewhere); `ipc` is for tests. */
export function registerIpcHandlers(opts: { isTrusted: SenderCheck; handlers: () => Promise<HandlerTable> }, ipc: IpcMain = ipcMain): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipc.handle(channel, async (event, arg: unknown) => {
      if (!opts.isTrusted(event)) return fail({ code: 'FORBIDDEN', message: FORBIDDEN_MESSAGE });
      let table: HandlerTable;
      try {
        table = await opts.handlers();
      } catch {
        return fail({ code: 'INTERNAL', message: STARTUP_FAILED_MESSAGE });
      }
      return table[channel](arg);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipc.removeHandler(channel);
  };
}
