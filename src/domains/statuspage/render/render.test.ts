// The renderers against 300 public XSS payloads (shared corpus) as titles, bodies, component names
// and groups: the HTML holds only the page's own tags and inert attributes and shows each payload as
// text; the feeds and the badge are well-formed XML that give the payload back as text; the JSON too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Branding, PublicEvent, StatusPageModel } from '../statuspage.types.ts';
import { contrastRatio, textColorOn } from './contrast.ts';
import { escapeHtml } from './escape.ts';
import { buildSnapshot, notModified, renderHistoryHtml, renderIncidentHtml, renderMarkdown, renderStatusHtml, statusPageCsp } from './index.ts';
import { corpusMissing, corpusPath } from '../../../../test/support/corpus.ts';
import { storedPublicText } from '../public-text.ts';

const PAYLOADS = corpusPath('xss-payloads.txt');
const missing = corpusMissing('xss-payloads.txt');
const payloads = () =>
  readFileSync(PAYLOADS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

const BRANDING: Branding = { name: 'Example Corp', logoUrl: 'https://cdn.example.com/logo.png', brandColor: '#6b4fbb', baseUrl: 'https://status.example.com' };
const PAGE_TAGS = new Set([
  '!doctype',
  'html',
  'head',
  'meta',
  'title',
  'link',
  'style',
  'body',
  'a',
  'header',
  'div',
  'img',
  'span',
  'main',
  'section',
  'h1',
  'h2',
  'h3',
  'p',
  'time',
  'article',
  'ol',
  'ul',
  'li',
  'br',
  'strong',
  'em',
  'code',
  'form',
  'label',
  'input',
  'fieldset',
  'legend',
  'button',
  'nav',
  'footer',
]);

function event(text: string, at = new Date('2026-11-20T10:00:00Z')): PublicEvent {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'incident',
    title: storedPublicText(text),
    status: 'identified',
    impact: 'major',
    componentSlugs: ['api'],
    scheduledFor: null,
    scheduledUntil: null,
    createdAt: at,
    updatedAt: at,
    resolvedAt: null,
    updates: [
      {
        id: '00000000-0000-4000-8000-000000000002',
        status: 'identified',
        body: storedPublicText(`We found it.\n\n${text}\n\n- ${text}\n- **${text}**`),
        componentStates: [{ slug: 'api', state: 'partial_outage' }],
        publishedAt: at,
      },
    ],
  };
}

function model(text: string): StatusPageModel {
  const at = new Date('2026-11-20T10:00:00Z');
  return {
    version: 3,
    changedAt: at,
    components: [{ slug: 'api', name: text, description: text, group: text, position: 1, state: 'partial_outage', createdAt: at, updatedAt: at }],
    incidents: [event(text)],
    maintenances: [],
    recent: [],
  };
}

/** Fails unless every `<` opens one of the page's own tags and no attribute can run script or load a URL from the text. */
function assertInert(html: string, input: string): void {
  const where = `for input ${JSON.stringify(input.slice(0, 120))}`;
  const withoutStyle = html.replace(/<style>[^<]*<\/style>/, '');
  for (const m of withoutStyle.matchAll(/<\/?([!a-z0-9]+)([^>]*)>/gi)) {
    assert.ok(PAGE_TAGS.has(m[1]!.toLowerCase()), `tag <${m[1]}> ${where}`);
    assert.doesNotMatch(m[2]!, /\son[a-z]+\s*=|javascript:|vbscript:|data:/i, where);
  }
  assert.doesNotMatch(withoutStyle, /<(script|iframe|object|embed|svg|math|base)\b/i, where);
  assert.ok(html.includes(escapeHtml(input.trim().replace(/\s+/g, ' ')).split(' ')[0]!), `the payload is shown as text ${where}`);
}

test('every corpus XSS payload is shown as text on the status, incident and history pages', { skip: missing }, () => {
  for (const p of payloads()) {
    const m = model(p);
    assertInert(renderStatusHtml(m, BRANDING), p);
    assertInert(renderIncidentHtml(m.incidents[0]!, m.components, BRANDING), p);
    assertInert(renderHistoryHtml({ month: '2026-11', events: m.incidents, previous: '2026-10', next: null }, BRANDING), p);
  }
});

test('every corpus XSS payload comes back as text from the feeds, the JSON and the badge', { skip: missing }, () => {
  const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false });
  for (const p of payloads()) {
    const snap = buildSnapshot(model(p), BRANDING);
    for (const doc of [snap.atom, snap.rss, snap.badge])
      assert.equal(XMLValidator.validate(doc.body.toString()), true, `well-formed XML for ${JSON.stringify(p)}`);
    const atom = parser.parse(snap.atom.body.toString());
    const title = atom.feed.entry.title;
    assert.equal(String(typeof title === 'object' ? title['#text'] : title).trim(), `${p}: Identified`.trim(), 'Atom title round-trips');
    const json = JSON.parse(snap.json.body.toString());
    assert.equal(json.incidents[0].name, p);
  }
});

test('limited Markdown: formatting, safe links only, never HTML', () => {
  assert.equal(
    renderMarkdown('**Fixed** the `<b>` tag\nsee [notes](https://example.com/a?b=1&c=2)'),
    '<p><strong>Fixed</strong> the <code>&lt;b&gt;</code> tag<br>see <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener">notes</a></p>',
  );
  assert.equal(renderMarkdown('[x](javascript:alert(1))'), '<p>[x](javascript:alert(1))</p>');
  assert.equal(renderMarkdown('[x](https://e.com/"onmouseover="a)'), '<p>[x](https://e.com/&quot;onmouseover=&quot;a)</p>');
  assert.equal(renderMarkdown('- one\n- *two*\n\nend'), '<ul><li>one</li><li><em>two</em></li></ul>\n<p>end</p>');
});

/** Well-formed as XML once HTML's void `<br>` is closed: every tag opened is closed, in order. */
function assertWellFormed(html: string, input: string): void {
  assert.equal(XMLValidator.validate(`<div>${html.replace(/<br>/g, '<br/>')}</div>`), true, `well-formed markup for ${JSON.stringify(input)}: ${html}`);
}

test('limited Markdown: emphasis marks inside a link or its URL never break the markup', () => {
  assert.equal(renderMarkdown('[*](https://x/*)'), '<p><a href="https://x/*" rel="nofollow noopener">*</a></p>');
  assert.equal(renderMarkdown('*see [a*](https://x/*) here*'), '<p><em>see <a href="https://x/*" rel="nofollow noopener">a*</a> here</em></p>');
  assert.equal(
    renderMarkdown('[**bold** `c*`](https://x/**y**)'),
    '<p><a href="https://x/**y**" rel="nofollow noopener"><strong>bold</strong> <code>c*</code></a></p>',
  );
  const inputs = [
    '[*](https://x/*)',
    '*[*](https://x/*)*',
    '**[*](https://x/*)**',
    '[*a*](https://x/a*b)*c*',
    '*a [b](https://x/*) c* *d*',
    '[x*](https://x/*) and [*y](https://x/**)',
    '- [*](https://x/*)\n- *[x](https://e.com/a*b*c)*',
    '**a *b** c*',
    '*a **b* c**',
    '[`*`](https://x/`*`)',
    '[*[*](https://x/*)*](https://y/*)',
    '***[x](https://x/***)***',
  ];
  for (const input of inputs) assertWellFormed(renderMarkdown(input), input);
});

test('limited Markdown: every corpus payload, alone and inside links and emphasis, renders well-formed', { skip: missing }, () => {
  for (const p of payloads()) {
    for (const input of [p, `*${p}*`, `[${p}](https://x/*)`, `**[*${p}*](https://x/${encodeURIComponent(p)}*)**`])
      assertWellFormed(renderMarkdown(input), input);
  }
});

test('the header text colour reaches 4.5:1 on any brand colour', () => {
  for (const c of ['#ffffff', '#000000', '#777777', '#6b4fbb', '#ffcc00', '#0969da', '#808080', '#ff0000']) {
    assert.ok(contrastRatio(c, textColorOn(c)) >= 4.5, `${c} with ${textColorOn(c)}`);
  }
  for (const state of ['#1a7f37', '#9a6700', '#bc4c00', '#cf222e', '#0969da', '#0550ae', '#59636e']) assert.ok(contrastRatio(state, '#ffffff') >= 4.5, state);
});

test('each page names its icon, served by secdesk under the CSP, so a browser does not ask for a missing /favicon.ico', () => {
  const m = model('Sign-in errors');
  for (const html of [
    renderStatusHtml(m, BRANDING),
    renderIncidentHtml(m.incidents[0]!, m.components, BRANDING),
    renderHistoryHtml({ month: '2026-11', events: m.incidents, previous: null, next: null }, BRANDING),
  ]) {
    assert.match(html, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml">/);
  }
  assert.match(statusPageCsp(BRANDING.brandColor, null), /img-src 'self'/, 'the icon is an image of the same origin');
});

test("the CSP allows the page's own stylesheet by hash and no script", () => {
  const csp = statusPageCsp(BRANDING.brandColor, BRANDING.logoUrl);
  assert.match(csp, /default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self' data: https:\/\/cdn\.example\.com;/);
  assert.doesNotMatch(csp, /script-src|unsafe/);
});

test('snapshot validators: strong ETag, 304 on a matching If-None-Match or a later If-Modified-Since', () => {
  const snap = buildSnapshot(model('ok'), BRANDING);
  assert.match(snap.html.etag, /^"[A-Za-z0-9_-]{43}"$/);
  assert.notEqual(snap.html.etag, snap.json.etag);
  assert.equal(notModified(snap.html, snap.html.etag, undefined), true);
  assert.equal(notModified(snap.html, `"x", W/${snap.html.etag}`, undefined), true);
  assert.equal(notModified(snap.html, '"x"', new Date('2030-01-01').toUTCString()), false, 'If-None-Match wins');
  assert.equal(notModified(snap.html, undefined, snap.html.lastModified), true);
  assert.equal(notModified(snap.html, undefined, new Date('2026-11-20T09:59:59Z').toUTCString()), false);
  assert.equal(buildSnapshot(model('ok'), BRANDING).html.etag, snap.html.etag, 'same model, same bytes');
});
