// The JSON shapes of the external communications API (routes/communications.ts).
import Type from 'typebox';
import { ROLES } from '../../../authz/roles.ts';
import {
  CHANNELS,
  COMMUNICATION_STATUSES,
  EXTENDED_TEAMS,
  FLOW_STEPS,
  SOCIAL_NETWORKS,
  STATUS_PAGE_STATUSES,
} from '../../../domains/communications/communications.types.ts';
import { AUDIENCES } from '../../../domains/fanout/fanout.types.ts';
import { COMPONENT_STATES } from '../../../domains/statuspage/statuspage.types.ts';
import { DateTime, NullableDateTime, OneOf, Uuid } from '../schemas.ts';
import { COMMUNICATION_BODY_MAX, SUBJECT_MAX } from '../../../domains/limits.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);
export const Channel = OneOf(CHANNELS);
export const Audience = OneOf(AUDIENCES);
export const Team = OneOf(EXTENDED_TEAMS);
const Step = OneOf(FLOW_STEPS);

export const CommParams = Type.Object({ id: Uuid, cid: Uuid }, { additionalProperties: false });
export const TaskParams = Type.Object({ id: Uuid, taskId: Uuid }, { additionalProperties: false });
export const AudienceParams = Type.Object({ id: Uuid, audience: Audience }, { additionalProperties: false });
export const ChannelParams = Type.Object({ channel: Channel }, { additionalProperties: false });

const Blocker = Type.Object({ step: Step, code: Type.String(), message: Type.String(), channel: Type.Optional(Channel) });
export const Flow = Type.Object({
  stage: Step,
  steps: Type.Array(
    Type.Object({ step: Step, state: OneOf(['done', 'current', 'blocked', 'pending']), decidedBy: NullableString, decidedAt: NullableDateTime }),
  ),
  blockers: Type.Array(Blocker),
  nextCommunicationDue: NullableDateTime,
  overdue: Type.Boolean(),
  overdueMinutes: Type.Integer(),
  overdueTaskIds: Type.Array(Type.String()),
  allClear: Type.Boolean(),
});

export const Task = Type.Object({
  id: Type.String(),
  team: Team,
  title: Type.String(),
  ownerId: NullableString,
  ownerName: NullableString,
  dueAt: NullableDateTime,
  doneAt: NullableDateTime,
  createdAt: DateTime,
  createdBy: Type.String(),
});

const Approval = Type.Object({ version: Type.Integer(), approverId: NullableString, approver: Type.String(), approvedAt: DateTime });
const ReviewRequest = Type.Object({
  version: Type.Integer(),
  requestedBy: Type.String(),
  requestedById: NullableString,
  requestedAt: DateTime,
  reviewers: Type.Array(Type.Object({ userId: Type.String(), name: Type.String() })),
});
export const CommunicationSummary = Type.Object({
  id: Type.String(),
  incidentId: NullableString,
  round: Type.Integer(),
  channel: Channel,
  status: OneOf(COMMUNICATION_STATUSES),
  currentVersion: Type.Integer(),
  subject: Type.String(),
  approval: Type.Union([Approval, Type.Null()]),
  reviewRequest: Type.Union([ReviewRequest, Type.Null()]),
  holdingStatementId: NullableString,
  sentAt: NullableDateTime,
  sendId: NullableString,
  testSendId: NullableString,
  publishedUrl: NullableString,
  publishState: OneOf(['none', 'pending', 'published', 'failed']),
  createdAt: DateTime,
});

const Version = Type.Object({
  version: Type.Integer(),
  subject: Type.String(),
  body: Type.String(),
  authorId: NullableString,
  author: Type.String(),
  createdAt: DateTime,
});
export const Comment = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  authorId: NullableString,
  author: Type.String(),
  body: Type.String(),
  createdAt: DateTime,
});
const DiffPart = Type.Object({ value: Type.String(), added: Type.Boolean(), removed: Type.Boolean() });
const Sent = Type.Object({
  version: Type.Integer(),
  subject: Type.String(),
  body: Type.String(),
  contentHash: Type.String(),
  approvedVersion: Type.Integer(),
  approver: Type.String(),
  approverId: NullableString,
  sender: Type.String(),
  senderId: NullableString,
  sentAt: DateTime,
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});
export const Communication = Type.Intersect([
  CommunicationSummary,
  Type.Object({
    title: NullableString,
    versions: Type.Array(Version),
    comments: Type.Array(Comment),
    sent: Type.Union([Sent, Type.Null()]),
    approvedVsSent: Type.Union([Type.Array(DiffPart), Type.Null()]),
    placeholders: Type.Object({ list: NullableString, names: Type.Array(Type.String()) }),
  }),
]);
export const HoldingStatement = Communication;

export const Plan = Type.Object({
  incidentId: Type.String(),
  applies: Type.Boolean(),
  impactDetermined: Type.Boolean(),
  scope: NullableString,
  publicTitle: NullableString,
  frequencyMinutes: Type.Union([Type.Integer(), Type.Null()]),
  scopeDecidedBy: NullableString,
  scopeDecidedAt: NullableDateTime,
  channels: Type.Array(Channel),
  mediumDecidedBy: NullableString,
  mediumDecidedAt: NullableDateTime,
  tasks: Type.Array(Task),
  lists: Type.Array(Type.Object({ audience: Audience, listId: Type.String(), listName: Type.String(), attachedAt: DateTime, attachedBy: Type.String() })),
  defaultList: Type.Union([Type.Object({ listId: Type.String(), listName: Type.String() }), Type.Null()]),
  prescribedChannels: Type.Array(Channel),
  rounds: Type.Array(
    Type.Object({
      number: Type.Integer(),
      final: Type.Boolean(),
      startedAt: DateTime,
      startedBy: Type.String(),
      channels: Type.Union([Type.Array(Channel), Type.Null()]),
    }),
  ),
  overrides: Type.Array(Type.Object({ id: Type.String(), round: Type.Integer(), channel: Channel, reason: Type.String(), by: Type.String(), at: DateTime })),
  allClearAt: NullableDateTime,
  communications: Type.Array(CommunicationSummary),
  flow: Flow,
});

export const VersionDiff = Type.Object({ from: Type.Integer(), to: Type.Integer(), subject: Type.Array(DiffPart), body: Type.Array(DiffPart) });
export const LintResult = Type.Object({
  version: Type.Integer(),
  clean: Type.Boolean(),
  findings: Type.Array(
    Type.Object({
      rule: Type.String(),
      message: Type.String(),
      part: OneOf(['subject', 'body']),
      line: Type.Integer(),
      column: Type.Integer(),
      index: Type.Integer(),
      text: Type.String(),
    }),
  ),
});
export const TemplatePreview = Type.Object({
  channel: Channel,
  subject: Type.String(),
  body: Type.String(),
  template: Type.Object({ key: Type.String(), version: Type.Integer() }),
});
export const ChannelRoles = Type.Object({
  channel: Channel,
  draft: Type.Array(OneOf(ROLES)),
  review: Type.Array(OneOf(ROLES)),
  send: Type.Array(OneOf(ROLES)),
});
export const Settings = Type.Object({ channelRoles: Type.Array(ChannelRoles), securityNoticesListId: NullableString });
export const PreparedResponse = Type.Object({
  // The incident is null for Support on a restricted incident it is not a member of.
  communicationId: Type.String(),
  incidentId: Type.Union([Type.String(), Type.Null()]),
  incidentNumber: Type.Union([Type.Integer(), Type.Null()]),
  incidentTitle: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  body: Type.String(),
  publishedAt: DateTime,
  publishedBy: Type.String(),
});

// ---- Bodies ----
const Subject = Type.String({ minLength: 1, maxLength: SUBJECT_MAX });
const Body = Type.String({ minLength: 1, maxLength: COMMUNICATION_BODY_MAX });
export const ScopeBody = Type.Object(
  {
    scope: Type.String({ minLength: 1, maxLength: 5000 }),
    frequencyMinutes: Type.Integer({ minimum: 15, maximum: 7 * 24 * 60 }),
    publicTitle: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'how the incident is named to outsiders ({{incident.public_title}} in templates)' }),
    ),
  },
  { additionalProperties: false },
);
export const MediumBody = Type.Object(
  { channels: Type.Array(Channel, { minItems: 1, maxItems: CHANNELS.length, uniqueItems: true }) },
  { additionalProperties: false },
);
export const NewTaskBody = Type.Object(
  { team: Team, title: Type.String({ minLength: 1, maxLength: 300 }), ownerId: Type.Optional(Uuid), dueAt: Type.Optional(DateTime) },
  { additionalProperties: false },
);
export const TaskChangeBody = Type.Object(
  { done: Type.Optional(Type.Boolean()), ownerId: Type.Optional(Type.Union([Uuid, Type.Null()])), dueAt: Type.Optional(Type.Union([DateTime, Type.Null()])) },
  { additionalProperties: false },
);
export const AttachListBody = Type.Object({ listId: Uuid }, { additionalProperties: false });
export const RoundBody = Type.Object(
  {
    final: Type.Boolean(),
    channels: Type.Optional(
      Type.Array(Channel, {
        minItems: 1,
        maxItems: 7,
        description: 'the channels the round must send (required for the final round: all clear is reached when each is sent)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const OverrideBody = Type.Object(
  { round: Type.Integer({ minimum: 1 }), channel: Channel, reason: Type.String({ minLength: 10, maxLength: 2000 }) },
  { additionalProperties: false },
);
/** Without subject and body, the channel's template is filled with the incident's facts. */
export const NewCommunicationBody = Type.Object(
  { channel: Channel, subject: Type.Optional(Subject), body: Type.Optional(Body) },
  { additionalProperties: false },
);
export const PreviewBody = Type.Object(
  {
    channel: Channel,
    subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })),
    body: Type.Optional(Type.String({ maxLength: COMMUNICATION_BODY_MAX })),
  },
  { additionalProperties: false },
);
export const EditBody = Type.Object({ subject: Subject, body: Body }, { additionalProperties: false });
export const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
export const ApproveBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const DiffQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
/** The customer email goes to one audience of the list attached for it (default: customers when attached, else users). */
export const TestSendBody = Type.Object(
  { reviewers: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { minItems: 1, maxItems: 20 })), audience: Type.Optional(Audience) },
  { additionalProperties: false },
);
/** What each channel's send needs: a list and audience (customer email), a network (social post), a status (status page), a URL (blog without webhook). */
export const SendOptions = {
  listId: Type.Optional(Uuid),
  audience: Type.Optional(Audience),
  network: Type.Optional(OneOf(SOCIAL_NETWORKS)),
  status: Type.Optional(OneOf(STATUS_PAGE_STATUSES)),
  componentSlugs: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'status page: the components the update affects' }),
  ),
  componentState: Type.Optional(OneOf(COMPONENT_STATES)),
  publishedUrl: Type.Optional(Type.String({ maxLength: 2000 })),
};
export const SendBody = Type.Object(SendOptions, { additionalProperties: false });
export const NewHoldingBody = Type.Object(
  { channel: Channel, title: Type.String({ minLength: 1, maxLength: 200 }), subject: Subject, body: Body },
  { additionalProperties: false },
);
export const PublishHoldingBody = Type.Object({ incidentId: Uuid, ...SendOptions }, { additionalProperties: false });
export const ChannelRolesBody = Type.Object(
  {
    draft: Type.Array(OneOf(ROLES), { minItems: 1, uniqueItems: true }),
    review: Type.Array(OneOf(ROLES), { minItems: 1, uniqueItems: true }),
    send: Type.Array(OneOf(ROLES), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export const SecurityNoticesBody = Type.Object({ listId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false });
