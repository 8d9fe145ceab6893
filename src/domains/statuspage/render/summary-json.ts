// GET /status.json: the Atlassian Statuspage v2 summary.json shape (page, status, components,
// incidents with incident_updates, scheduled_maintenances), which status aggregators already read.
import type { Branding, PublicComponent, PublicEvent, StatusPageModel } from '../statuspage.types.ts';
import { overallStatus } from './labels.ts';

const PAGE_ID = 'secdesk';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const groupId = (group: string) => `group-${group.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

function componentJson(c: PublicComponent) {
  return {
    id: c.slug,
    name: c.name,
    status: c.state,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: c.description || null,
    showcase: true,
    start_date: null,
    group_id: c.group ? groupId(c.group) : null,
    page_id: PAGE_ID,
    group: false,
    only_show_if_degraded: false,
  };
}

/** Groups are components with group: true that list their members, as Statuspage does. */
function groupsJson(components: PublicComponent[]) {
  const groups = [...new Set(components.map((c) => c.group).filter((g): g is string => Boolean(g)))];
  return groups.map((g) => {
    const members = components.filter((c) => c.group === g);
    return {
      id: groupId(g),
      name: g,
      status: members.map((m) => m.state).find((s) => s !== 'operational') ?? 'operational',
      created_at: iso(members[0]!.createdAt),
      updated_at: iso(members[0]!.updatedAt),
      position: Math.min(...members.map((m) => m.position)),
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE_ID,
      group: true,
      only_show_if_degraded: false,
      components: members.map((m) => m.slug),
    };
  });
}

function eventJson(ev: PublicEvent, components: PublicComponent[], branding: Branding) {
  const bySlug = new Map(components.map((c) => [c.slug, c]));
  const oldest = ev.updates.at(-1);
  const monitoring = ev.updates.find((u) => u.status === 'monitoring');
  return {
    id: ev.id,
    name: ev.title,
    status: ev.status,
    created_at: iso(ev.createdAt),
    updated_at: iso(ev.updatedAt),
    monitoring_at: iso(monitoring?.publishedAt ?? null),
    resolved_at: iso(ev.resolvedAt),
    impact: ev.impact,
    shortlink: `${branding.baseUrl}/status/incidents/${ev.id}`,
    started_at: iso(oldest?.publishedAt ?? ev.createdAt),
    page_id: PAGE_ID,
    ...(ev.kind === 'maintenance' ? { scheduled_for: iso(ev.scheduledFor), scheduled_until: iso(ev.scheduledUntil) } : {}),
    incident_updates: ev.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      incident_id: ev.id,
      created_at: iso(u.publishedAt),
      updated_at: iso(u.publishedAt),
      display_at: iso(u.publishedAt),
      affected_components: u.componentStates.map((c) => ({ code: c.slug, name: bySlug.get(c.slug)?.name ?? c.slug, old_status: null, new_status: c.state })),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: ev.componentSlugs.flatMap((s) => (bySlug.has(s) ? [componentJson(bySlug.get(s)!)] : [])),
  };
}

export function summaryOf(model: StatusPageModel, branding: Branding) {
  const overall = overallStatus(model);
  return {
    page: { id: PAGE_ID, name: branding.name, url: `${branding.baseUrl}/status`, time_zone: 'Etc/UTC', updated_at: iso(model.changedAt) },
    components: [...model.components.map(componentJson), ...groupsJson(model.components)].sort((a, b) => a.position - b.position),
    incidents: model.incidents.map((ev) => eventJson(ev, model.components, branding)),
    scheduled_maintenances: model.maintenances.map((ev) => eventJson(ev, model.components, branding)),
    status: { indicator: overall.indicator, description: overall.description },
  };
}

export function renderSummaryJson(model: StatusPageModel, branding: Branding): string {
  return JSON.stringify(summaryOf(model, branding));
}
