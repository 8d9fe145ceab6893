// Limited Markdown for update bodies: paragraphs, line breaks, "- " lists, **bold**, *emphasis*,
// `code` and [text](https://link). The text is escaped first, so no HTML ever passes through;
// links keep only http(s) targets.
import { escapeHtml } from './escape.ts';

export function renderMarkdown(source: string): string {
  const blocks = source.replace(/\u0000/g, '').replace(/\r\n?/g, '\n').trim().split(/\n{2,}/);
  return blocks.filter((b) => b.trim()).map(renderBlock).join('\n');
}

function renderBlock(block: string): string {
  const lines = block.split('\n');
  if (lines.every((l) => /^\s*[-*] /.test(l))) {
    return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
  }
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

function inline(text: string): string {
  const codes: string[] = [];
  // Code spans first, kept aside so nothing inside them is formatted.
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_m, code: string) => `\u0000${codes.push(`<code>${code}</code>`) - 1}\u0000`);
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s()]+)\)/g, (m, label: string, href: string) => (/&(quot|lt|gt|#39);/.test(href) ? m : `<a href="${href}" rel="nofollow noopener">${label}</a>`));
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return html.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!);
}

/** The body as plain text (feeds' summaries, notifications): Markdown marks removed. */
export function markdownToText(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s()]+)\)/g, '$1 ($2)').trim();
}
