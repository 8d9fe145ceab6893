// Limited Markdown for update bodies: paragraphs, line breaks, "- " lists, **bold**, *emphasis*,
// `code` and [text](https://link). The text is escaped first, so no HTML ever passes through;
// links keep only http(s) targets.
import { escapeHtml } from './escape.ts';

export function renderMarkdown(source: string): string {
  const blocks = source
    .replace(/\u0000/g, '')
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/);
  return blocks
    .filter((b) => b.trim())
    .map(renderBlock)
    .join('\n');
}

function renderBlock(block: string): string {
  const lines = block.split('\n');
  if (lines.every((l) => /^\s*[-*] /.test(l))) {
    return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
  }
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

const LINK = /\[([^\]]+)\]\((https?:\/\/[^\s()]+)\)/g;

function inline(text: string): string {
  // Code spans and then whole links are held aside as placeholders, so emphasis never reaches into
  // an href or across a tag (`[*](https://x/*)`); a link's label gets its own emphasis.
  const held: string[] = [];
  const hold = (html: string) => `\u0000${held.push(html) - 1}\u0000`;
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_m, code: string) => hold(`<code>${code}</code>`));
  html = html.replace(LINK, (m, label: string, href: string) =>
    /&(quot|lt|gt|#39);/.test(href) ? m : hold(`<a href="${href}" rel="nofollow noopener">${emphasis(label)}</a>`),
  );
  html = emphasis(html);
  // Twice: a link's label may hold a code span.
  for (let i = 0; i < 2; i++) html = html.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => held[Number(n)]!);
  return html;
}

/** Bold and emphasis: neither's content holds a `*`, so they nest properly or not at all. */
function emphasis(html: string): string {
  return html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

/** The body as plain text (feeds' summaries, notifications): Markdown marks removed. */
export function markdownToText(source: string): string {
  return source
    .replace(/\r\n?/g, '\n')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(LINK, '$1 ($2)')
    .trim();
}
