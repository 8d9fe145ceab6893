import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateModel, rebaseAbsolute, rebaseHtml } from './private-model.ts';
import type { PublicComponent, PublicEvent, StatusPageModel } from '../statuspage/statuspage.types.ts';
import type { PrivateIncident, PrivatePage } from './private-pages.types.ts';
import { storedPublicText } from '../statuspage/public-text.ts';

const at = (m: number) => new Date(Date.UTC(2026, 10, 24, 12, m));
const component = (slug: string): PublicComponent => ({
  slug,
  name: slug.toUpperCase(),
  description: '',
  group: null,
  position: 0,
  state: 'operational',
  createdAt: at(0),
  updatedAt: at(0),
});
const publicEvent = (id: string, slugs: string[]): PublicEvent => ({
  id,
  kind: 'incident',
  title: storedPublicText(`public ${id}`),
  status: 'investigating',
  impact: 'minor',
  componentSlugs: slugs,
  scheduledFor: null,
  scheduledUntil: null,
  createdAt: at(1),
  updatedAt: at(1),
  resolvedAt: null,
  updates: [],
});
const model: StatusPageModel = {
  version: 7,
  changedAt: at(2),
  components: [component('api'), component('web')],
  incidents: [publicEvent('p-api', ['api']), publicEvent('p-web', ['web'])],
  maintenances: [],
  recent: [],
};
const page: PrivatePage = {
  id: 'page',
  slug: 'acme',
  name: 'Acme',
  componentSlugs: ['api'],
  hasPassword: true,
  emailDomains: [],
  ipRanges: [],
  createdAt: at(0),
  updatedAt: at(0),
};
const own = (id: string, state: PrivateIncident['componentState'], resolvedAt: Date | null, m: number): PrivateIncident => ({
  id,
  pageId: 'page',
  title: `own ${id}`,
  status: resolvedAt ? 'resolved' : 'identified',
  componentSlugs: ['api'],
  componentState: state,
  createdAt: at(m),
  updatedAt: at(m),
  resolvedAt,
  updates: [{ id: `${id}-u`, status: resolvedAt ? 'resolved' : 'identified', body: 'b', publishedAt: at(m), publishedBy: 'cmoc' }],
});

test('a private page: its components in the state its newest open incident sets, its incidents and the public ones touching it', () => {
  const m = privateModel(page, model, [own('old', 'degraded_performance', null, 3), own('new', 'major_outage', null, 4), own('done', null, at(5), 5)], at(6));
  assert.deepEqual(
    m.components.map((c) => [c.slug, c.state]),
    [['api', 'major_outage']],
  );
  assert.deepEqual(
    m.incidents.map((e) => e.id),
    ['new', 'old', 'p-api'],
  );
  assert.deepEqual(
    m.recent.map((e) => e.id),
    ['done'],
  );
  assert.equal(m.incidents[0]!.impact, 'critical');
  assert.deepEqual(m.changedAt, at(5));
  // The public model is left as it was.
  assert.equal(model.components[0]!.state, 'operational');
});

test('links stay on the private page; the public subscribe form is left out', () => {
  const html =
    '<a href="/status">x</a><a href="/status/incidents/1">i</a><a href="/status.json">j</a><a href="/status/history?month=2026-11">h</a><section aria-labelledby="subscribe-h"><form method="post" action="/status/subscribe"></form></section><p>/status in text</p>';
  const out = rebaseHtml(html, '/status/p/acme');
  assert.equal(
    out,
    '<a href="/status/p/acme">x</a><a href="/status/p/acme/incidents/1">i</a><a href="/status/p/acme/status.json">j</a><a href="/status/p/acme/history?month=2026-11">h</a><p>/status in text</p>',
  );
  assert.equal(
    rebaseAbsolute(
      '{"url":"https://s.example/status","json":"https://s.example/status.json","i":"https://s.example/status/incidents/1"}',
      'https://s.example',
      '/status/p/acme',
    ),
    '{"url":"https://s.example/status/p/acme","json":"https://s.example/status/p/acme/status.json","i":"https://s.example/status/p/acme/incidents/1"}',
  );
});
