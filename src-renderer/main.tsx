import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadLayout } from './state/actions/layout.ts';
import './styles/base.css';
import './styles/browser.css';
import './styles/detail.css';
import './styles/sheet.css';
import './styles/overlays.css';
import './styles/remote.css';
import './styles/housekeeping.css';
import './styles/versions.css';
import './styles/compare.css';
import './styles/snippets.css';
import './styles/bulk.css';
import './styles/saved-filters.css';
import './styles/files.css';

async function boot(): Promise<void> {
  // A browser preview without Electron: a fake store, only in `vite` dev, never in a build.
  if (import.meta.env.DEV && !(globalThis as { api?: unknown }).api) {
    const { installFakeApi } = await import('./dev/fake-api.ts');
    installFakeApi(new URLSearchParams(location.search).get('fake') ?? 'demo');
  }
  loadLayout();
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
}

void boot();
