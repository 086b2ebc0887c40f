import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-main/shared/ipc-contract.ts';

vi.mock('electron', () => ({}));
const { menuTemplate } = await import('../../src-main/app/menu.ts');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(isPackaged: boolean, platform = 'linux') {
  const sent: MenuCommand[] = [];
  const items = flatten(menuTemplate({ isPackaged, platform, send: (c) => sent.push(c) }));
  return { items, sent };
}

describe('application menu', () => {
  it('sends a menu:command for each app action, with the documented shortcuts', () => {
    const { items, sent } = build(true);
    const byLabel = new Map(items.filter((i) => i.label).map((i) => [i.label!, i]));
    const expected: [string, MenuCommand, string][] = [
      ['Open Store…', 'open-store', 'CmdOrCtrl+O'],
      ['New Model…', 'new-model', 'CmdOrCtrl+N'],
      ['Import…', 'import', 'CmdOrCtrl+I'],
      ['Export…', 'export', 'CmdOrCtrl+E'],
      ['Show in Folder', 'reveal', 'CmdOrCtrl+Shift+R'],
      ['Delete…', 'delete', 'Delete'],
      ['Reload Store', 'reload', 'CmdOrCtrl+R'],
      ['Find…', 'find', 'CmdOrCtrl+F'],
    ];
    for (const [label, command, accelerator] of expected) {
      const item = byLabel.get(label);
      expect(item?.accelerator, label).toBe(accelerator);
      (item?.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
  });

  it('does not register Delete globally (text fields keep the key)', () => {
    const del = build(true).items.find((i) => i.label === 'Delete…');
    expect(del?.registerAccelerator).toBe(false);
  });

  it('offers DevTools only in an unpackaged build', () => {
    expect(build(true).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build(false).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('has the macOS app menu and Finder wording on darwin', () => {
    const { items } = build(true, 'darwin');
    expect(items.some((i) => i.role === 'appMenu')).toBe(true);
    expect(items.some((i) => i.label === 'Reveal in Finder')).toBe(true);
  });
});
