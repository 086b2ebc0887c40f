import { describe, expect, it, vi } from 'vitest';
import type { HandlerTable } from '../../src-main/ipc/index.ts';
import { REQUEST_CHANNELS } from '../../src-main/shared/ipc-contract.ts';

vi.mock('electron', () => ({}));

const { createSenderCheck, registerIpcHandlers } = await import('../../src-main/app/ipc-bridge.ts');
const { rendererTarget } = await import('../../src-main/app/renderer-target.ts');

type Handler = (event: unknown, arg: unknown) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipc: { handle: (channel: string, fn: Handler) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) },
  };
}

const fileTarget = rendererTarget({ appRoot: '/opt/model-shelf', isPackaged: true });
const ourUrl = 'file:///opt/model-shelf/dist/renderer/index.html';
const mainFrame = { url: ourUrl, parent: null };
const webContents = { id: 1 };
const win = { isDestroyed: () => false, webContents };
// Every channel answers this when the call reaches the table.
const table = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, () => Promise.resolve({ ok: true, value: `reached ${c}` })])) as unknown as HandlerTable;

function bridge(target = fileTarget) {
  const { ipc, handlers } = fakeIpc();
  registerIpcHandlers({ isTrusted: createSenderCheck(() => win as never, target), handlers: () => Promise.resolve(table) }, ipc as never);
  return handlers;
}

describe('IPC sender check', () => {
  it('registers one handler per request channel', () => {
    expect([...bridge().keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it("answers our window's main frame at our file:// page", async () => {
    const handlers = bridge();
    for (const channel of REQUEST_CHANNELS) {
      await expect(handlers.get(channel)!({ sender: webContents, senderFrame: mainFrame }, undefined)).resolves.toEqual({ ok: true, value: `reached ${channel}` });
    }
  });

  it.each([
    ['an unknown webContents', { sender: { id: 2 }, senderFrame: mainFrame }],
    ['a sub-frame', { sender: webContents, senderFrame: { url: ourUrl, parent: mainFrame } }],
    ['another origin', { sender: webContents, senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['another file', { sender: webContents, senderFrame: { url: 'file:///tmp/evil.html', parent: null } }],
    ['a frame that is gone', { sender: webContents, senderFrame: null }],
  ])('refuses %s with FORBIDDEN on every channel', async (_label, event) => {
    const handlers = bridge();
    for (const channel of REQUEST_CHANNELS) {
      const result = (await handlers.get(channel)!(event, undefined)) as { ok: boolean; error?: { code: string; message: string } };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('FORBIDDEN');
      expect(result.error?.message).toMatch(/refused/);
    }
  });

  it('accepts the dev server origin in development and nothing else', async () => {
    const dev = rendererTarget({ appRoot: '/opt/model-shelf', isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    const handlers = bridge(dev);
    const ok = await handlers.get('store:snapshot')!({ sender: webContents, senderFrame: { url: 'http://localhost:5173/#/x', parent: null } }, undefined);
    expect(ok).toEqual({ ok: true, value: 'reached store:snapshot' });
    const refused = (await handlers.get('store:snapshot')!({ sender: webContents, senderFrame: { url: 'http://localhost:5174/', parent: null } }, undefined)) as { error: { code: string } };
    expect(refused.error.code).toBe('FORBIDDEN');
    const file = (await handlers.get('store:snapshot')!({ sender: webContents, senderFrame: mainFrame }, undefined)) as { error: { code: string } };
    expect(file.error.code).toBe('FORBIDDEN');
  });

  it('ignores the dev server URL in a packaged app', () => {
    const packaged = rendererTarget({ appRoot: '/opt/model-shelf', isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(packaged.url).toBe(ourUrl);
    expect(packaged.isOurUrl('http://localhost:5173/')).toBe(false);
  });

  it('answers INTERNAL with a sentence when the service failed to start', async () => {
    const { ipc, handlers } = fakeIpc();
    registerIpcHandlers({ isTrusted: () => true, handlers: () => Promise.reject(new Error('boom')) }, ipc as never);
    const result = (await handlers.get('store:snapshot')!({}, undefined)) as { error: { code: string; message: string } };
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toMatch(/boom/);
  });
});
