// The model card's Markdown. react-markdown builds React elements, never
// innerHTML; raw HTML in the card is skipped, images are never loaded (shown as their alt text)
// and links open nothing (their text, the address as a tooltip), so a hostile README can run no
// script and reach no server.
import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// GitHub-flavoured tables and task lists, as Hugging Face model cards use them.
const PLUGINS = [remarkGfm];

const COMPONENTS: Components = {
  a: ({ children, href }): ReactNode => (
    <span className="md-link" title={href && /^https?:/i.test(href) ? href : undefined}>
      {children}
    </span>
  ),
  img: ({ alt }): ReactNode => <span className="md-image">[image{alt ? `: ${alt}` : ''}]</span>,
};

export function CardMarkdown({ text }: { text: string }) {
  return (
    <Markdown skipHtml remarkPlugins={PLUGINS} components={COMPONENTS}>
      {text}
    </Markdown>
  );
}
