// Drops real files on the page the way a person does: a DataTransfer holding File objects with
// the real files' names and bytes, dispatched as dragenter -> dragover -> drop at a point of the
// window. Electron's preload would answer `webUtils.getPathForFile(file)` with the file's real
// path; the shim answers from the registry filled here (design §7).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { StaticServer } from './serve.ts';

interface DroppedItem {
  readonly name: string;
  readonly path: string;
  /** URL the page fetches the bytes from; absent for directories (a folder drops as an empty File). */
  readonly url?: string;
  readonly lastModified: number;
}

export interface DropOptions {
  /** Where to drop: a locator (its centre) or a point; the window's centre by default. */
  readonly at?: Locator | { readonly x: number; readonly y: number };
  /** Stop after dragover (the overlay is showing), for screenshots; call `finish()` to drop. */
  readonly hold?: boolean;
}

export async function describeDrop(server: StaticServer, paths: readonly string[]): Promise<DroppedItem[]> {
  const items: DroppedItem[] = [];
  for (const file of paths) {
    const info = await stat(file);
    const item = { name: path.basename(file), path: file, lastModified: Math.floor(info.mtimeMs) };
    items.push(info.isDirectory() ? item : { ...item, url: server.shareFile(file) });
  }
  return items;
}

export async function dropPoint(page: Page, at: DropOptions['at']): Promise<{ x: number; y: number }> {
  if (!at) {
    const size = page.viewportSize() ?? { width: 1200, height: 760 };
    return { x: Math.round(size.width / 2), y: Math.round(size.height / 2) };
  }
  if ('x' in at) return { x: at.x, y: at.y };
  const box = await at.boundingBox();
  if (!box) throw new Error('The drop target is not visible.');
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

/** Builds the Files in the page and dispatches dragenter + dragover; the drop itself is `dispatchDrop`. */
export async function dispatchDragOver(page: Page, items: DroppedItem[], point: { x: number; y: number }): Promise<void> {
  await page.evaluate(
    async ({ items, point }) => {
      type W = typeof window & {
        __shelfFilePaths?: WeakMap<File, string>;
        __shelfFilePathsByKey?: Map<string, string>;
        __shelfDrag?: DataTransfer;
      };
      const w = window as W;
      w.__shelfFilePaths ??= new WeakMap();
      w.__shelfFilePathsByKey ??= new Map();
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = item.url ? await (await fetch(item.url)).blob() : new Blob([]);
        const file = new File([bytes], item.name, { lastModified: item.lastModified });
        w.__shelfFilePaths.set(file, item.path);
        w.__shelfFilePathsByKey.set(`${file.size}:${file.name}`, item.path);
        transfer.items.add(file);
      }
      w.__shelfDrag = transfer;
      const fire = (type: string) => {
        const target = document.elementFromPoint(point.x, point.y) ?? document.body;
        const init = { bubbles: true, cancelable: true, composed: true, clientX: point.x, clientY: point.y, dataTransfer: transfer };
        target.dispatchEvent(new DragEvent(type, init));
      };
      fire('dragenter');
      fire('dragover');
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      fire('dragover');
    },
    { items, point },
  );
}

/** Drops what the last dispatchDragOver carried on whatever is now at the point (the overlay, say). */
export async function dispatchDrop(page: Page, point: { x: number; y: number }): Promise<void> {
  await page.evaluate((point) => {
    const transfer = (window as typeof window & { __shelfDrag?: DataTransfer }).__shelfDrag;
    if (!transfer) throw new Error('Nothing is being dragged.');
    const target = document.elementFromPoint(point.x, point.y) ?? document.body;
    const init = { bubbles: true, cancelable: true, composed: true, clientX: point.x, clientY: point.y, dataTransfer: transfer };
    target.dispatchEvent(new DragEvent('drop', init));
  }, point);
}
