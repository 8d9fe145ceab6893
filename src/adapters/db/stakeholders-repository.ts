// SQL for stakeholder rules, engagements of stakeholder groups on incidents, and their snoozes.
import type { Kysely, Selectable } from 'kysely';
import type { Snooze, SnoozeMinutes } from '../../domains/stakeholders/cadence-clock.ts';
import type { EngagementRecord } from '../../domains/stakeholders/stakeholders.types.ts';
import type { EngagementsRepository, StakeholderRulesRepository } from '../../domains/stakeholders/stakeholders.ports.ts';
import type { StakeholderRule } from '../../domains/stakeholders/stakeholders.types.ts';
import type { DB, IncidentEngagementsTable } from './schema.ts';

export function stakeholderRulesRepository(db: Kysely<DB>): StakeholderRulesRepository {
  return {
    async list() {
      const rows = await db.selectFrom('stakeholder_rules').select('rule').orderBy('position').execute();
      return rows.map((r) => r.rule as StakeholderRule);
    },
    async replace(rules) {
      await db.deleteFrom('stakeholder_rules').execute();
      if (rules.length === 0) return;
      await db
        .insertInto('stakeholder_rules')
        .values(rules.map((rule, position) => ({ id: rule.id, position, rule: JSON.stringify(rule) })))
        .execute();
    },
  };
}

function toEngagement(row: Selectable<IncidentEngagementsTable>): EngagementRecord {
  return {
    id: row.id,
    incidentId: row.incident_id,
    ruleId: row.rule_id,
    group: row.group_name,
    rule: row.rule as StakeholderRule,
    driLabel: row.dri_label,
    backupLabel: row.backup_label,
    through: row.through,
    because: row.because as string[],
    engagedAt: row.engaged_at,
    endedAt: row.ended_at,
  };
}

export function engagementsRepository(db: Kysely<DB>): EngagementsRepository {
  return {
    async forIncident(incidentId) {
      const rows = await db
        .selectFrom('incident_engagements')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('engaged_at')
        .orderBy('group_name')
        .execute();
      return rows.map(toEngagement);
    },
    async byId(id) {
      const row = await db.selectFrom('incident_engagements').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEngagement(row) : null;
    },
    async create(incidentId, e) {
      const row = await db
        .insertInto('incident_engagements')
        .values({
          incident_id: incidentId,
          rule_id: e.ruleId,
          group_name: e.group,
          rule: JSON.stringify(e.rule),
          dri_label: e.driLabel,
          backup_label: e.backupLabel,
          through: e.through,
          because: JSON.stringify(e.because),
          engaged_at: e.engagedAt,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'rule_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toEngagement(row) : null;
    },
    async endAll(incidentId, at) {
      const rows = await db
        .updateTable('incident_engagements')
        .set({ ended_at: at })
        .where('incident_id', '=', incidentId)
        .where('ended_at', 'is', null)
        .returningAll()
        .execute();
      return rows.map(toEngagement);
    },
    async snoozes(engagementIds) {
      const result = new Map<string, Snooze[]>(engagementIds.map((id) => [id, []]));
      if (engagementIds.length === 0) return result;
      const rows = await db.selectFrom('engagement_snoozes').selectAll().where('engagement_id', 'in', engagementIds).orderBy('at').execute();
      for (const row of rows) result.get(row.engagement_id)?.push({ at: row.at, minutes: row.minutes as SnoozeMinutes, reason: row.reason });
      return result;
    },
    async addSnooze(engagementId, snooze) {
      await db
        .insertInto('engagement_snoozes')
        .values({ engagement_id: engagementId, at: snooze.at, minutes: snooze.minutes, reason: snooze.reason, actor_label: snooze.actorLabel })
        .execute();
    },
  };
}
