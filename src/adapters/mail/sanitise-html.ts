// The one policy for showing a stranger's HTML mail: a strict allow-list (sanitize-html) of text
// formatting, lists, tables and quotes. Nothing in the result can run, load or submit anything:
// no scripts, event handlers, forms, frames, objects, SVG, MathML, style attributes or style
// sheets, and no URLs at all. Images become a visible placeholder (nothing remote is fetched, not
// even cid: parts); links lose their href and show their real target as text, so an analyst can
// read where a phishing link points without anything being one click away.
//
// The stored body_html stays as it arrived (it is evidence) and is sanitised each time it is
// served: a stricter policy then applies to old mail too, and no policy bug is frozen into data.
import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p',
  'br',
  'div',
  'span',
  'hr',
  'pre',
  'code',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'mark',
  'tt',
  'kbd',
  'samp',
  'abbr',
  'cite',
  'q',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'colgroup',
  'col',
  'a',
];

/**
 * Elements dropped together with everything inside them: browsers never show their content as
 * text either. Any other element that is not allowed loses its tag but keeps its (escaped) text,
 * so an unclosed <svg> or <button> cannot hide the rest of a message from the HTML view.
 */
const DROPPED_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'xmp', 'noembed', 'noframes', 'template', 'title', 'iframe'];

/** The only URL schemes shown as a link's target; anything else is not even shown. */
const SHOWN_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export const IMAGE_PLACEHOLDER = '[image not shown]';

function linkTarget(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return SHOWN_SCHEMES.has(url.protocol) ? url.href.slice(0, 2000) : null;
  } catch {
    return null;
  }
}

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'], ol: ['start'] },
  allowedSchemes: [],
  allowedSchemesAppliedToAttributes: [
    'href',
    'src',
    'cite',
    'action',
    'formaction',
    'data',
    'xlink:href',
    'poster',
    'background',
    'ping',
    'longdesc',
    'usemap',
    'codebase',
    'classid',
    'archive',
    'profile',
    'manifest',
    'itemid',
    'dynsrc',
    'lowsrc',
  ],
  allowProtocolRelative: false,
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  nestingLimit: 200,
  transformTags: {
    a: (_tag, attribs) => {
      const target = linkTarget(attribs.href);
      const shown: sanitizeHtml.Attributes = target ? { title: target } : {};
      return { tagName: 'a', attribs: shown };
    },
    img: () => ({ tagName: 'span', attribs: {}, text: IMAGE_PLACEHOLDER }),
  },
};

export function sanitiseMailHtml(html: string): string {
  return sanitizeHtml(html, POLICY);
}

// The document's own look. Allowed by its hash, so the CSP needs no 'unsafe-inline'.
const DOCUMENT_STYLE = [
  'body{font:14px/1.5 system-ui,sans-serif;color:#1d2433;margin:12px;overflow-wrap:anywhere}',
  'a{color:#1d4ed8;text-decoration:underline dotted}',
  'a[title]::after{content:" <" attr(title) ">";color:#6b7280;font-size:90%}',
  'table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:2px 6px}',
  'blockquote{border-left:3px solid #d1d5db;margin:0 0 0 4px;padding-left:8px;color:#4b5563}',
  'pre{white-space:pre-wrap}',
].join('');
const STYLE_HASH = createHash('sha256').update(DOCUMENT_STYLE).digest('base64');

/** Served with the document: nothing may load, run, submit or navigate; only the app may frame it. */
export const MAIL_HTML_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox`;

/** A whole HTML document holding the sanitised mail body. */
export function mailHtmlDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><style>${DOCUMENT_STYLE}</style></head><body>${sanitiseMailHtml(html)}</body></html>`;
}
