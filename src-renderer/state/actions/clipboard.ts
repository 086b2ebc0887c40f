import { notify } from './notices.ts';

export function pythonSnippet(tag: string): string {
  return `bentoml.models.get(${JSON.stringify(tag)})`;
}

export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify({ kind: 'info', text: `Copied ${what}`, timeout: 2_500 });
  } catch {
    notify({ kind: 'error', text: `Could not copy ${what}`, detail: 'The clipboard is not available. Select the text and copy it by hand.' });
  }
}
