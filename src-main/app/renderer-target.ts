// Where the window's page comes from, and the one test for "is this URL ours" that IPC sender
// checks and navigation guards share: the built index.html over file:// in production, the Vite
// dev server (VITE_DEV_SERVER_URL, `npm run dev`) in development only.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererTarget {
  /** What the window loads. */
  readonly url: string;
  readonly kind: 'file' | 'dev-server';
  isOurUrl(url: string): boolean;
}

export function rendererTarget(opts: { appRoot: string; isPackaged: boolean; devServerUrl?: string | undefined }): RendererTarget {
  if (!opts.isPackaged && opts.devServerUrl) {
    const origin = new URL(opts.devServerUrl).origin;
    return {
      url: opts.devServerUrl,
      kind: 'dev-server',
      isOurUrl(url) {
        try {
          return new URL(url).origin === origin;
        } catch {
          return false;
        }
      },
    };
  }
  const index = pathToFileURL(path.join(opts.appRoot, 'dist', 'renderer', 'index.html'));
  return {
    url: index.href,
    kind: 'file',
    isOurUrl(url) {
      // file:// URLs have no real origin ("null"), so compare the exact document, ignoring the
      // query and hash the renderer may use for its own routing.
      try {
        const parsed = new URL(url);
        return parsed.protocol === 'file:' && parsed.pathname === index.pathname && parsed.host === index.host;
      } catch {
        return false;
      }
    },
  };
}
