import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server injects an inline React-refresh preamble that the production CSP
// (design §6, in index.html) forbids; relax script-src for `vite` serve only, never in builds.
function devCsp(): Plugin {
  return {
    name: 'model-shelf-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws:");
    },
  };
}

// Module scripts and `crossorigin` assets are fetched in CORS mode, which Chromium refuses for
// file:// pages (origin "null"). The window may load dist/renderer/index.html from disk, so the
// build emits one classic deferred script instead; CSP stays `script-src 'self'`.
function classicScript(): Plugin {
  return {
    name: 'model-shelf-classic-script',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html) {
      return html.replace(/<script type="module" crossorigin/g, '<script defer').replace(/ crossorigin(?=[ >])/g, '');
    },
  };
}

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), devCsp(), classicScript()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    modulePreload: false,
    cssCodeSplit: false,
    rolldownOptions: { output: { format: 'iife' } },
  },
});
