// The HTML policy against 300 public XSS payloads (shared corpus), alone and inside ordinary mail:
// every tag left is on the allow-list, the only attributes left are inert, and no URL survives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IMAGE_PLACEHOLDER, MAIL_HTML_CSP, mailHtmlDocument, sanitiseMailHtml } from './sanitise-html.ts';

const CORPUS = process.env.SECDESK_CORPUS ?? path.resolve(import.meta.dirname, '../../../../shared/corpus');
const PAYLOADS = path.join(CORPUS, 'xss-payloads.txt');
const missing = existsSync(PAYLOADS) ? false : `the shared corpus is not at ${PAYLOADS} (set SECDESK_CORPUS)`;

const TAGS = new Set([
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
]);
const ATTRIBUTES = new Set(['title', 'colspan', 'rowspan', 'start']);
const TAG = /^<\/?([a-z0-9]+)((?:\s+[a-z]+="[^"<>]*")*)\s*\/?>/;

/** Fails unless every `<` in the output opens an allowed tag with allowed, URL-free attributes. */
function assertInert(output: string, input: string): void {
  const where = `for input ${JSON.stringify(input.slice(0, 200))}`;
  for (let at = output.indexOf('<'); at !== -1; at = output.indexOf('<', at + 1)) {
    const match = TAG.exec(output.slice(at));
    assert.ok(match, `a '<' that is not a clean tag at ${at} in ${JSON.stringify(output.slice(at, at + 80))} ${where}`);
    assert.ok(TAGS.has(match[1]!), `tag <${match[1]}> is not allowed ${where}`);
    for (const [, name, value] of match[2]!.matchAll(/([a-z]+)="([^"]*)"/g)) {
      assert.ok(ATTRIBUTES.has(name!), `attribute ${name} is not allowed ${where}`);
      if (name === 'title') assert.match(value!, /^(https?|mailto):/, `a title holds only a shown http(s)/mailto target ${where}`);
      else assert.match(value!, /^\d{1,4}$/, `${name} is a number ${where}`);
    }
  }
  // Belt and braces over the whole markup (text is escaped, so '<' only ever opens a tag):
  assert.doesNotMatch(output, /<\s*(script|iframe|object|embed|svg|math|form|input|style|link|meta|base|img)\b/i, where);
  assert.doesNotMatch(output, /<[^>]*\s(on[a-z]+|href|src|action|formaction|background|srcset|style)\s*=/i, where);
  assert.doesNotMatch(output, /<[^>]*(javascript|vbscript|data|livescript):/i, where);
}

function payloads(): string[] {
  return readFileSync(PAYLOADS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

test('every corpus XSS payload is inert after sanitising, alone and inside ordinary mail', { skip: missing }, () => {
  const list = payloads();
  assert.equal(list.length, 300);
  for (const payload of list) {
    assertInert(sanitiseMailHtml(payload), payload);
    const inMail = `<html><head><title>x</title></head><body><p>Hello,</p><div>${payload}</div><table><tr><td>${payload}</td></tr></table><p>Regards</p></body></html>`;
    assertInert(sanitiseMailHtml(inMail), payload);
  }
  const all = list.join('\n');
  assertInert(sanitiseMailHtml(all), 'all payloads in one body');
});

test('a payload left unclosed hides what follows only where a browser would hide it too', { skip: missing }, () => {
  const hidden = payloads().filter((payload) => !sanitiseMailHtml(`${payload}<p>AFTER</p>`).includes('AFTER'));
  for (const payload of hidden) {
    const rawText = /<(script|style|textarea|xmp|noembed|noframes|template|title|iframe|option)\b/i.test(payload);
    const openComment = payload.includes('<!--');
    const unfinishedTag = payload.lastIndexOf('<') > payload.lastIndexOf('>');
    assert.ok(rawText || openComment || unfinishedTag, payload);
  }
});

test('ordinary formatting is kept; links show their target but cannot be followed; images are placeholders', () => {
  const html =
    '<h1>Report</h1><p>See <a href="https://evil.example/login?a=1&amp;b=2" target="_blank" onclick="steal()">the login page</a> and <b>this</b>:</p>' +
    '<ul><li>one</li></ul><table><tr><td colspan="2" style="position:fixed;top:0">cell</td></tr></table>' +
    '<img src="https://tracker.example/pixel.gif"><img src="cid:logo@x"><a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a>';
  const out = sanitiseMailHtml(html);
  assert.match(out, /<h1>Report<\/h1>/);
  assert.match(out, /<a title="https:\/\/evil\.example\/login\?a=1&amp;b=2">the login page<\/a>/);
  assert.match(out, /<ul><li>one<\/li><\/ul>/);
  assert.match(out, /<td colspan="2">cell<\/td>/);
  assert.equal(out.split(IMAGE_PLACEHOLDER).length - 1, 2);
  assert.match(out, /<a>js<\/a><a>data<\/a>/);
  assertInert(out, html);
});

test('scripts, style sheets and frames go with their content; forms, SVG, MathML and unknown tags leave only text', () => {
  const out = sanitiseMailHtml(
    '<style>body{display:none}</style><form action="https://x.example"><input name="p"><button>Go</button></form>' +
      '<iframe src="https://x.example"></iframe><svg><script>alert(1)</script><text>svg</text></svg><math><mi>x</mi></math>' +
      '<marquee>moving</marquee><font color="red">red</font><object data="x.swf"></object><meta http-equiv="refresh" content="0;url=https://x.example">',
  );
  assert.equal(out, 'Gosvgxmovingred');
});

test('the served document carries only its own hashed style and a CSP that allows nothing else', () => {
  const doc = mailHtmlDocument('<p onmouseover="x()">hi</p>');
  assert.match(doc, /^<!doctype html>/);
  assert.match(doc, /<body><p>hi<\/p><\/body>/);
  assert.match(MAIL_HTML_CSP, /default-src 'none'/);
  assert.match(MAIL_HTML_CSP, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(MAIL_HTML_CSP, /frame-ancestors 'self'/);
  assert.match(MAIL_HTML_CSP, /; sandbox$/);
  assert.doesNotMatch(MAIL_HTML_CSP, /unsafe/);
});
