// The public status pages as HTML: server-rendered, readable without JavaScript, one column that
// fits a phone. Every piece of text goes through escapeHtml; update bodies through renderMarkdown.
import type { Branding, HistoryMonth, PublicComponent, PublicEvent, StatusPageModel } from '../statuspage.types.ts';
import { escapeHtml as e } from './escape.ts';
import { overallStatus, STATE_LABELS, STATUS_LABELS } from './labels.ts';
import { renderMarkdown } from './markdown.ts';
import { pageStyle } from './page-style.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatTime(at: Date): string {
  const d = at.toISOString();
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]!.slice(0, 3)} ${at.getUTCFullYear()}, ${d.slice(11, 16)} UTC`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? ''} ${y}`;
}

const time = (at: Date) => `<time datetime="${at.toISOString()}">${formatTime(at)}</time>`;

function layout(branding: Branding, title: string, main: string): string {
  const logo = branding.logoUrl ? `<img src="${e(branding.logoUrl)}" alt="">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="${e(branding.name)} status (Atom)" href="/status/feed.atom">
<link rel="alternate" type="application/rss+xml" title="${e(branding.name)} status (RSS)" href="/status/feed.rss">
<style>${pageStyle(branding.brandColor).css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="brand"><div class="wrap"><a href="/status">${logo}<span>${e(branding.name)} status</span></a></div></header>
<main id="main" class="wrap">
${main}
</main>
<footer>${e(branding.name)} · <a href="/status">Status</a> · <a href="/status/history">History</a> · <a href="/status/feed.atom">Atom</a> · <a href="/status/feed.rss">RSS</a> · <a href="/status.json">JSON</a></footer>
</body>
</html>
`;
}

function componentNames(slugs: string[], components: PublicComponent[]): string {
  const names = slugs.map((s) => components.find((c) => c.slug === s)?.name ?? s);
  return names.length ? `<p class="meta">Affects: ${names.map(e).join(', ')}</p>` : '';
}

function updateItem(u: PublicEvent['updates'][number]): string {
  return `<li><p><span class="status">${STATUS_LABELS[u.status]}</span> <span class="meta">${time(u.publishedAt)}</span></p>${renderMarkdown(u.body)}</li>`;
}

function scheduleLine(ev: PublicEvent): string {
  return ev.scheduledFor && ev.scheduledUntil ? `<p class="meta">Scheduled ${time(ev.scheduledFor)} to ${time(ev.scheduledUntil)}</p>` : '';
}

/** One incident or maintenance with its updates, newest first. */
function eventCard(ev: PublicEvent, components: PublicComponent[], heading: 'h2' | 'h3'): string {
  return `<article class="card" aria-labelledby="ev-${ev.id}">
<${heading} id="ev-${ev.id}"><a href="/status/incidents/${ev.id}">${e(ev.title)}</a></${heading}>
${scheduleLine(ev)}${componentNames(ev.componentSlugs, components)}
<ol class="updates">${ev.updates.map(updateItem).join('')}</ol>
</article>`;
}

function componentList(components: PublicComponent[]): string {
  if (components.length === 0) return '<p>No components are listed.</p>';
  const groups = new Map<string, PublicComponent[]>();
  for (const c of components) groups.set(c.group ?? '', [...(groups.get(c.group ?? '') ?? []), c]);
  return [...groups]
    .map(
      ([group, list]) =>
        `${group ? `<h3>${e(group)}</h3>` : ''}<ul class="components">${list
          .map(
            (c) =>
              `<li><span>${e(c.name)}${c.description ? `<span class="desc">${e(c.description)}</span>` : ''}</span><span class="state state-${c.state}">${STATE_LABELS[c.state]}</span></li>`,
          )
          .join('')}</ul>`,
    )
    .join('\n');
}

function subscribeForm(components: PublicComponent[]): string {
  const boxes = components.map((c) => `<label><input type="checkbox" name="component" value="${e(c.slug)}"> ${e(c.name)}</label>`).join('');
  return `<section aria-labelledby="subscribe-h">
<h2 id="subscribe-h">Get updates</h2>
<form method="post" action="/status/subscribe">
<label for="subscribe-email">Email address</label>
<input id="subscribe-email" type="email" name="email" required autocomplete="email" maxlength="254">
${boxes ? `<fieldset><legend>Only these components (optional)</legend>${boxes}</fieldset>` : ''}
<button type="submit">Subscribe</button>
</form>
<p>Or follow the <a href="/status/feed.atom">Atom feed</a> or the <a href="/status/feed.rss">RSS feed</a>, or read <a href="/status.json">the JSON</a>.</p>
</section>`;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
}

function eventLinks(events: PublicEvent[]): string {
  return `<ul>${events.map((ev) => `<li><a href="/status/incidents/${ev.id}">${e(ev.title)}</a> <span class="meta">${STATUS_LABELS[ev.status]}, ${time(ev.resolvedAt ?? ev.updatedAt)}</span></li>`).join('')}</ul>`;
}

/** GET /status */
export function renderStatusHtml(model: StatusPageModel, branding: Branding): string {
  const overall = overallStatus(model);
  const parts = [
    `<section class="overall overall-${overall.indicator}" aria-labelledby="overall-h"><h1 id="overall-h">${overall.description}</h1><p class="meta">Last updated ${time(model.changedAt)}</p></section>`,
    model.incidents.length ? section('live-h', 'Active incidents', model.incidents.map((ev) => eventCard(ev, model.components, 'h3')).join('\n')) : '',
    model.maintenances.length
      ? section('maint-h', 'Scheduled maintenance', model.maintenances.map((ev) => eventCard(ev, model.components, 'h3')).join('\n'))
      : '',
    section('components-h', 'Components', componentList(model.components)),
    section(
      'recent-h',
      'Past incidents',
      `${model.recent.length ? eventLinks(model.recent) : '<p>No incidents in the last 14 days.</p>'}<p><a href="/status/history">Incident history</a></p>`,
    ),
    subscribeForm(model.components),
  ];
  return layout(branding, `${branding.name} status`, parts.filter(Boolean).join('\n'));
}

/** GET /status/incidents/:id */
export function renderIncidentHtml(ev: PublicEvent, components: PublicComponent[], branding: Branding): string {
  const main = `<p><a href="/status">← Current status</a></p>
<h1>${e(ev.title)}</h1>
<p class="meta">${ev.kind === 'maintenance' ? 'Maintenance' : 'Incident'} · ${STATUS_LABELS[ev.status]}${ev.resolvedAt ? ` · ${ev.kind === 'maintenance' ? 'completed' : 'resolved'} ${time(ev.resolvedAt)}` : ''}</p>
${scheduleLine(ev)}${componentNames(ev.componentSlugs, components)}
${section('updates-h', 'Updates', `<ol class="updates">${ev.updates.map(updateItem).join('')}</ol>`)}`;
  return layout(branding, `${ev.title} · ${branding.name} status`, main);
}

/** GET /status/history?month=YYYY-MM */
export function renderHistoryHtml(history: HistoryMonth, branding: Branding): string {
  const nav = [
    history.previous ? `<a href="/status/history?month=${history.previous}" rel="prev">← ${monthLabel(history.previous)}</a>` : '<span></span>',
    history.next ? `<a href="/status/history?month=${history.next}" rel="next">${monthLabel(history.next)} →</a>` : '<span></span>',
  ].join('');
  const main = `<h1>Incident history: ${monthLabel(history.month)}</h1>
${history.events.length ? eventLinks(history.events) : '<p>No incidents or maintenance this month.</p>'}
<nav class="pager" aria-label="Months">${nav}</nav>`;
  return layout(branding, `History ${monthLabel(history.month)} · ${branding.name} status`, main);
}

/** A plain page for errors (unknown incident): the same look, no details. */
export function renderNotFoundHtml(branding: Branding): string {
  return layout(
    branding,
    `Not found · ${branding.name} status`,
    '<h1>Not found</h1><p>There is no such incident on this status page. <a href="/status">Current status</a></p>',
  );
}
