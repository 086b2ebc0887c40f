// Guards from Electron's security checklist (design §6): no navigation away from our page, no
// new windows (https links go to the browser), no <webview>, every permission refused, and the
// CSP also sent as a header where Electron lets us set one.
import { shell, type Session, type WebContents } from 'electron';
import type { RendererTarget } from './renderer-target.ts';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

/** shell.openExternal only for a URL that parses as https (design §6). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents, target: RendererTarget): void {
  contents.on('will-navigate', (event, url) => {
    if (!target.isOurUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!target.isOurUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function guardSession(session: Session, target: RendererTarget): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The dev server needs inline React-refresh scripts and its HMR socket; there index.html's
  // meta CSP (H7) is what applies. In production the header doubles the meta tag.
  if (target.kind === 'dev-server') return;
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}
