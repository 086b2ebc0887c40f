import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
type HeadersDetails = { responseHeaders: Record<string, string[]> };
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => Promise.resolve(void opened.push(url)) } }));

const { guardSession, guardWebContents, CONTENT_SECURITY_POLICY } = await import('../../src-main/app/security.ts');
const { rendererTarget } = await import('../../src-main/app/renderer-target.ts');

const target = rendererTarget({ appRoot: '/opt/model-shelf', isPackaged: true });

function fakeContents() {
  const contents = new EventEmitter() as EventEmitter & { openHandler?: (d: { url: string }) => { action: string } };
  Object.assign(contents, { setWindowOpenHandler: (fn: (d: { url: string }) => { action: string }) => (contents.openHandler = fn) });
  return contents;
}

function navigate(contents: EventEmitter, eventName: string, url: string): boolean {
  let prevented = false;
  contents.emit(eventName, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('web contents guards', () => {
  it('denies navigation and redirects away from our page', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, target);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///opt/model-shelf/dist/renderer/index.html#/trash')).toBe(false);
  });

  it('denies every new window; only https links go to the browser', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, target);
    expect(contents.openHandler?.({ url: 'https://docs.bentoml.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.bentoml.com/']);
  });

  it('refuses <webview>', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, target);
    expect(navigate(contents, 'will-attach-webview', '')).toBe(true);
  });
});

describe('session guards', () => {
  function fakeSession() {
    const s: Record<string, unknown> = {};
    return Object.assign(s, {
      setPermissionRequestHandler: (fn: unknown) => (s.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (s.check = fn),
      webRequest: { onHeadersReceived: (fn: unknown) => (s.headers = fn) },
    }) as unknown as Record<string, unknown> & {
      request: (contents: unknown, permission: string, callback: (answer: boolean) => void, details: unknown) => void;
      check: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
      headers?: (details: HeadersDetails, callback: (response: HeadersDetails) => void) => void;
    };
  }

  it('refuses every permission request and check', () => {
    const session = fakeSession();
    guardSession(session as never, target);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.request({}, permission, (answer: boolean) => (granted = answer), {});
      expect(granted).toBe(false);
      expect(session.check({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('adds the CSP header to responses in production', () => {
    const session = fakeSession();
    guardSession(session as never, target);
    let headers: Record<string, string[]> = {};
    session.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Other']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});
