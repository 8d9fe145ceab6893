// The small HTML pages of status subscriptions (the no-JavaScript subscribe form's answers, the
// confirm and unsubscribe buttons): every value escaped, no script, a CSP that allows none.
import type { FastifyReply } from 'fastify';

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A page: title and paragraphs (text, escaped here), and optionally one button that POSTs to the same URL. */
export function page(title: string, paragraphs: string[], button?: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const form = button ? `<form method="post"><button type="submit">${escapeHtml(button)}</button></form>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}button{font-size:1rem;padding:.5rem 1rem}a{color:#0b57d0}</style>' +
    `</head><body><main><h1>${escapeHtml(title)}</h1>${body}${form}<p><a href="/status">Back to the status page</a></p></main></body></html>`
  );
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', PAGE_CSP)
    .send(html);
}
