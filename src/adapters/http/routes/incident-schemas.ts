// TypeBox shapes of incidents, their facts, engagements, status updates and stakeholder rules.
import Type from 'typebox';
import { INCIDENT_STATUSES, USERS_IMPACTED } from '../../../domains/incidents/incidents.types.ts';
import { FLAG_FACTS } from '../../../domains/incidents/incident-facts.ts';
import { ON_CALL_ROLES } from '../../../domains/oncall/oncall-roles.ts';
import { DateTime, NullableDateTime, OneOf } from '../schemas.ts';

export const Level = Type.Integer({ minimum: 1, maximum: 5 });

/** The configured risk matrix: labels of impact and likelihood (1 to 5) and the level bands. */
export const RiskMatrix = Type.Object({
  impactLabels: Type.Array(Type.String()),
  likelihoodLabels: Type.Array(Type.String()),
  levels: Type.Array(Type.Object({ level: Type.String(), label: Type.String(), minScore: Type.Integer(), commsPlan: Type.Boolean() })),
});
/** An incident type's id; the list is editable (GET /api/incident-types). */
export const IncidentTypeId = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

/** Facts given in a request: any subset; unknown names are errors. */
export const FactsInput = Type.Object(
  { ...Object.fromEntries(FLAG_FACTS.map((f) => [f, Type.Optional(Type.Boolean())])), usersImpacted: Type.Optional(OneOf(USERS_IMPACTED)) },
  { additionalProperties: false },
);
/** How an incident is classified when it is declared (by hand or from a ticket). */
export const DeclareClassification = {
  type: IncidentTypeId,
  impact: Level,
  likelihood: Level,
  visibility: Type.Optional(OneOf(['normal', 'restricted'])),
  facts: Type.Optional(FactsInput),
};
export const Facts = Type.Object({ ...Object.fromEntries(FLAG_FACTS.map((f) => [f, Type.Boolean()])), usersImpacted: OneOf(USERS_IMPACTED) });

export const IncidentSummary = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  type: Type.String(),
  status: OneOf(INCIDENT_STATUSES),
  impact: Type.Integer(),
  likelihood: Type.Integer(),
  risk: Type.Object({ score: Type.Integer(), level: Type.String(), label: Type.String() }),
  commsPlanApplies: Type.Boolean(),
  visibility: OneOf(['normal', 'restricted']),
  facts: Facts,
  declaredAt: DateTime,
  updatedAt: DateTime,
});

export const TimelineEvent = Type.Object({ id: Type.String(), at: DateTime, kind: Type.String(), summary: Type.String(), actorLabel: Type.String() });

const Cadence = Type.Union([
  Type.Object({ kind: Type.Literal('every'), minutes: Type.Integer({ minimum: 1, maximum: 1440 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('continuous') }, { additionalProperties: false }),
]);
const Channel = Type.Union([
  Type.Object({ kind: Type.Literal('direct_message') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('channel'), target: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('incident_channel') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('email'), target: Type.String({ maxLength: 254 }) }, { additionalProperties: false }),
]);
const Dri = Type.Union([
  Type.Object({ kind: Type.Literal('on_call_role'), role: OneOf(ON_CALL_ROLES) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('stakeholder_group'), group: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
]);
const Contact = Type.Object(
  { name: Type.String({ maxLength: 200 }), handle: Type.Optional(Type.String({ maxLength: 100 })), email: Type.Optional(Type.String({ maxLength: 254 })) },
  { additionalProperties: false },
);
export const StakeholderRule = Type.Object(
  {
    id: Type.String({ maxLength: 63 }),
    group: Type.String({ maxLength: 200 }),
    contacts: Type.Array(Contact, { maxItems: 50 }),
    condition: Type.String({ maxLength: 2000 }),
    dri: Dri,
    backup: Type.Optional(Dri),
    cadence: Cadence,
    channel: Channel,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const RuleProblem = Type.Object({
  ruleId: Type.String(),
  field: Type.String(),
  message: Type.String(),
  line: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.Integer()),
});

export const Engagement = Type.Object({
  id: Type.String(),
  driRole: Type.Union([OneOf(ON_CALL_ROLES), Type.Null()]),
  ruleId: Type.String(),
  group: Type.String(),
  driLabel: Type.String(),
  backupLabel: Type.String(),
  through: Type.String(),
  because: Type.Array(Type.String()),
  cadence: Cadence,
  channel: Channel,
  howOften: Type.String(),
  status: OneOf(['engaged', 'update_due', 'escalated', 'snoozed', 'ended']),
  engagedAt: DateTime,
  endedAt: NullableDateTime,
  nextDueAt: NullableDateTime,
  escalateAt: NullableDateTime,
  snoozedUntil: NullableDateTime,
  onTime: Type.Integer(),
  late: Type.Integer(),
  missed: Type.Integer(),
  notDelivered: Type.Integer(),
});

export const Incident = Type.Intersect([
  IncidentSummary,
  Type.Object({
    description: Type.String(),
    timeline: Type.Array(TimelineEvent),
    engagements: Type.Array(Engagement),
    updateCounts: Type.Object({ onTime: Type.Integer(), late: Type.Integer(), missed: Type.Integer(), escalations: Type.Integer() }),
    ticketId: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(
      Type.Object({
        role: OneOf(ON_CALL_ROLES),
        label: Type.String(),
        userId: Type.Union([Type.String(), Type.Null()]),
        name: Type.Union([Type.String(), Type.Null()]),
        since: NullableDateTime,
        warning: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    responders: Type.Array(Type.Object({ userId: Type.String(), name: Type.String(), addedAt: DateTime })),
  }),
]);

const Text = Type.String({ maxLength: 20_000 });
export const StatusUpdateFields = Type.Object(
  { currentRisk: Text, usersImpacted: Type.String({ maxLength: 10 }), timelineOfEvents: Text, mitigationSteps: Text, currentStatus: Text, nextSteps: Text },
  { additionalProperties: false },
);
export const StatusUpdate = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  currentRisk: Type.String(),
  usersImpacted: Type.String(),
  timelineOfEvents: Type.String(),
  mitigationSteps: Type.String(),
  currentStatus: Type.String(),
  nextSteps: Type.String(),
  publishedAt: DateTime,
  authorLabel: Type.String(),
  engagementIds: Type.Array(Type.String()),
  notDelivered: Type.Array(Type.Object({ engagementId: Type.String(), group: Type.String(), reason: Type.String() })),
  changes: Type.Array(Type.Object({ field: Type.String(), before: Type.String(), after: Type.String() })),
});

export const PreviewBody = Type.Object(
  { impact: Level, likelihood: Level, type: IncidentTypeId, facts: Type.Optional(FactsInput) },
  { additionalProperties: false },
);
export const Preview = Type.Object({
  risk: Type.Object({ score: Type.Integer(), level: Type.String(), label: Type.String(), commsPlanApplies: Type.Boolean() }),
  planApplies: Type.Boolean(),
  engaged: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      group: Type.String(),
      by: Type.String(),
      howOften: Type.String(),
      through: Type.String(),
      because: Type.Array(Type.String()),
      contacts: Type.Array(Type.Object({ name: Type.String(), handle: Type.Optional(Type.String()), email: Type.Optional(Type.String()) })),
    }),
  ),
  notEngaged: Type.Array(Type.Object({ ruleId: Type.String(), group: Type.String(), reason: Type.String() })),
  problems: Type.Array(RuleProblem),
  clocks: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      deadline: Type.String(),
      owner: OneOf(ON_CALL_ROLES),
      ownerLabel: Type.String(),
      because: Type.String(),
    }),
    { description: 'the regulatory clocks these facts would start' },
  ),
});
