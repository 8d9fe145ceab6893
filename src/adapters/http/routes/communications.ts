// External communications: an incident's plan (the reference chart's flow), its communications per
// channel (drafts, versions, comments, lint, approval, send), holding statements, and the prepared
// responses Support reads. Every rule lives in domains/communications; this is the HTTP face.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import type { HttpApp } from '../http-app.ts';
import { contextOf } from '../http-app.ts';
import { IdParams } from '../schemas.ts';
import {
  ApproveBody,
  AttachListBody,
  AudienceParams,
  ChannelParams,
  ChannelRoles,
  ChannelRolesBody,
  CommentBody,
  Comment,
  CommParams,
  Communication,
  CommunicationSummary,
  DiffQuery,
  EditBody,
  HoldingStatement,
  LintResult,
  MediumBody,
  NewCommunicationBody,
  NewHoldingBody,
  NewTaskBody,
  OverrideBody,
  Plan,
  PreparedResponse,
  PreviewBody,
  PublishHoldingBody,
  RoundBody,
  ScopeBody,
  SecurityNoticesBody,
  SendBody,
  Settings,
  Task,
  TaskChangeBody,
  TaskParams,
  TemplatePreview,
  TestSendBody,
  VersionDiff,
} from './communications-schemas.ts';

const tags = ['communications'];

export function communicationRoutes(server: HttpApp, app: App): void {
  planRoutes(server, app);
  communicationItemRoutes(server, app);
  holdingStatementRoutes(server, app);
  settingsRoutes(server, app);
}

function planRoutes(server: HttpApp, app: App): void {
  const plans = app.services.commsPlans;
  const base = '/api/incidents/:id/communications/plan';

  server.get(
    base,
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary:
          "The incident's communications plan: decisions, extended-team tasks, lists, rounds, and where it stands in the flow (blockers, next due, overdue)",
        params: IdParams,
        response: { 200: Plan },
      },
    },
    async (request) => plans.get(contextOf(request), request.params.id),
  );

  server.put(
    `${base}/scope`,
    {
      config: { access: 'comms.plan' },
      schema: { tags, summary: 'Decide the communications scope and how often to communicate', params: IdParams, body: ScopeBody, response: { 200: Plan } },
    },
    async (request) => plans.decideScope(contextOf(request), request.params.id, request.body),
  );

  server.put(
    `${base}/medium`,
    {
      config: { access: 'comms.plan' },
      schema: { tags, summary: 'Decide the medium: which channels this incident uses', params: IdParams, body: MediumBody, response: { 200: Plan } },
    },
    async (request) => plans.decideMedium(contextOf(request), request.params.id, request.body.channels),
  );

  server.post(
    `${base}/tasks`,
    {
      config: { access: 'comms.plan' },
      schema: {
        tags,
        summary: 'Engage an extended team (Marketing Programs, Marketing Ops, Support, Community Advocates) with a task',
        params: IdParams,
        body: NewTaskBody,
        response: { 201: Task },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await plans.addTask(contextOf(request), request.params.id, {
          team: request.body.team,
          title: request.body.title,
          ownerId: request.body.ownerId ?? null,
          dueAt: request.body.dueAt ? new Date(request.body.dueAt) : null,
        }),
      ),
  );

  server.patch(
    `${base}/tasks/:taskId`,
    {
      config: { access: 'comms.plan' },
      schema: { tags, summary: 'Change an extended-team task: owner, due, done', params: TaskParams, body: TaskChangeBody, response: { 200: Task } },
    },
    async (request) => {
      const { done, ownerId, dueAt } = request.body;
      return plans.changeTask(contextOf(request), request.params.id, request.params.taskId, {
        ...(done === undefined ? {} : { done }),
        ...(ownerId === undefined ? {} : { ownerId }),
        ...(dueAt === undefined ? {} : { dueAt: dueAt === null ? null : new Date(dueAt) }),
      });
    },
  );

  server.put(
    `${base}/lists/:audience`,
    {
      config: { access: 'comms.plan' },
      schema: {
        tags,
        summary: 'Attach the distribution list holding the contact data of one audience',
        params: AudienceParams,
        body: AttachListBody,
        response: { 200: Plan },
      },
    },
    async (request) => plans.attachList(contextOf(request), request.params.id, request.params.audience, request.body.listId),
  );

  server.post(
    `${base}/rounds`,
    {
      config: { access: 'comms.plan' },
      schema: {
        tags,
        summary: 'Start the next round of communications (final: the all-clear round)',
        params: IdParams,
        body: RoundBody,
        response: { 201: Plan },
      },
    },
    async (request, reply) => reply.status(201).send(await plans.startRound(contextOf(request), request.params.id, request.body)),
  );

  server.post(
    `${base}/overrides`,
    {
      config: { access: 'comms.override' },
      schema: {
        tags,
        summary: "Let a public channel go out before the round's customer email, with the reason",
        params: IdParams,
        body: OverrideBody,
        response: { 201: Plan },
      },
    },
    async (request, reply) => reply.status(201).send(await plans.overrideCustomersFirst(contextOf(request), request.params.id, request.body)),
  );
}

function communicationItemRoutes(server: HttpApp, app: App): void {
  const comms = app.services.communications;
  const sending = app.services.commsSending;
  const base = '/api/incidents/:id/communications';
  const ref = (params: { id: string; cid: string }) => ({ incidentId: params.id, id: params.cid });

  server.get(
    base,
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary: "The incident's communications, by round and channel",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CommunicationSummary) }) },
      },
    },
    async (request) => ({ items: await comms.list(contextOf(request), request.params.id) }),
  );

  server.post(
    `${base}/preview`,
    {
      config: { access: 'comms.draft' },
      schema: {
        tags,
        summary: "Fill a channel's template (or the given text) with the incident's facts; a missing fact is refused with its position",
        params: IdParams,
        body: PreviewBody,
        response: { 200: TemplatePreview },
      },
    },
    async (request) => comms.preview(contextOf(request), request.params.id, request.body),
  );

  server.post(
    base,
    {
      config: { access: 'comms.draft' },
      schema: {
        tags,
        summary: "Draft a channel's communication for the current round (from its template unless text is given)",
        params: IdParams,
        body: NewCommunicationBody,
        response: { 201: Communication },
      },
    },
    async (request, reply) => reply.status(201).send(await comms.draft(contextOf(request), request.params.id, request.body)),
  );

  server.get(
    `${base}/:cid`,
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary: 'One communication: versions, comments, approval, sent snapshot and approved-vs-sent difference',
        params: CommParams,
        response: { 200: Communication },
      },
    },
    async (request) => comms.get(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:cid/versions`,
    {
      config: { access: 'comms.draft' },
      schema: { tags, summary: 'Edit: saves a new version (voids any approval)', params: CommParams, body: EditBody, response: { 201: Communication } },
    },
    async (request, reply) => reply.status(201).send(await comms.edit(contextOf(request), ref(request.params), request.body)),
  );

  server.get(
    `${base}/:cid/diff`,
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'What changed between two versions', params: CommParams, querystring: DiffQuery, response: { 200: VersionDiff } },
    },
    async (request) => comms.diff(contextOf(request), ref(request.params), request.query.from, request.query.to),
  );

  server.post(
    `${base}/:cid/comments`,
    {
      config: { access: 'comms.draft' },
      schema: { tags, summary: 'Comment on the current version', params: CommParams, body: CommentBody, response: { 201: Comment } },
    },
    async (request, reply) => reply.status(201).send(await comms.comment(contextOf(request), ref(request.params), request.body.body)),
  );

  server.post(
    `${base}/:cid/lint`,
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary: "Run the channel's linter on the current version (must be clean before approval)",
        params: CommParams,
        response: { 200: LintResult },
      },
    },
    async (request) => comms.lint(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:cid/review-request`,
    {
      config: { access: 'comms.draft' },
      schema: {
        tags,
        summary: "Ask the channel's reviewers to review the current version: they are notified in the app and by mail",
        params: CommParams,
        response: { 200: Communication },
      },
    },
    async (request) => comms.requestReview(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:cid/approve`,
    {
      config: { access: 'comms.review' },
      schema: {
        tags,
        summary: "Approve exactly this version (not by its author; the channel's reviewer role; lint clean)",
        params: CommParams,
        body: ApproveBody,
        response: { 200: Communication },
      },
    },
    async (request) => comms.approve(contextOf(request), ref(request.params), request.body.version),
  );

  server.post(
    `${base}/:cid/test-send`,
    {
      config: { access: 'comms.publish' },
      schema: {
        tags,
        summary: 'Email channels: send the approved version to the reviewers first (default: the approver and the author)',
        params: CommParams,
        body: TestSendBody,
        response: { 200: Communication },
      },
    },
    async (request) =>
      sending.testSend(contextOf(request), ref(request.params), { reviewers: request.body.reviewers ?? null, audience: request.body.audience ?? null }),
  );

  server.post(
    `${base}/:cid/send`,
    {
      config: { access: 'comms.publish' },
      schema: {
        tags,
        summary: 'Send the approved version through its channel (customers first); records an immutable sent snapshot',
        params: CommParams,
        body: SendBody,
        response: { 200: Communication },
      },
    },
    async (request) => sending.send(contextOf(request), ref(request.params), request.body),
  );

  server.post(
    `${base}/:cid/retry-delivery`,
    {
      config: { access: 'comms.publish' },
      schema: {
        tags,
        summary: 'Deliver a sent blog post (webhook) or press statement (mail) again after its delivery failed',
        params: CommParams,
        response: { 200: Communication },
      },
    },
    async (request) => sending.retryDelivery(contextOf(request), ref(request.params)),
  );

  server.get(
    `${base}/:cid/export.md`,
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'The current version as Markdown (the blog post)', params: CommParams },
    },
    async (request, reply) => {
      const file = await comms.exportMarkdown(contextOf(request), ref(request.params));
      return reply
        .header('content-type', 'text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.text);
    },
  );

  server.get(
    '/api/prepared-responses',
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary: 'The customer FAQs published to Support, newest first',
        response: { 200: Type.Object({ items: Type.Array(PreparedResponse) }) },
      },
    },
    async (request) => ({ items: await sending.preparedResponses(contextOf(request)) }),
  );
}

function holdingStatementRoutes(server: HttpApp, app: App): void {
  const comms = app.services.communications;
  const sending = app.services.commsSending;
  const base = '/api/holding-statements';
  const ref = (params: { id: string }) => ({ incidentId: null, id: params.id });

  server.get(
    base,
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'Holding statements prepared before any incident', response: { 200: Type.Object({ items: Type.Array(HoldingStatement) }) } },
    },
    async (request) => ({ items: await comms.holdingStatements(contextOf(request)) }),
  );

  server.post(
    base,
    {
      config: { access: 'comms.draft' },
      schema: { tags, summary: 'Draft a holding statement for a channel', body: NewHoldingBody, response: { 201: HoldingStatement } },
    },
    async (request, reply) => reply.status(201).send(await comms.draftHolding(contextOf(request), request.body)),
  );

  server.get(
    `${base}/:id`,
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'One holding statement', params: IdParams, response: { 200: HoldingStatement } },
    },
    async (request) => comms.get(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:id/versions`,
    {
      config: { access: 'comms.draft' },
      schema: { tags, summary: 'Edit a holding statement (voids any approval)', params: IdParams, body: EditBody, response: { 201: HoldingStatement } },
    },
    async (request, reply) => reply.status(201).send(await comms.edit(contextOf(request), ref(request.params), request.body)),
  );

  server.get(
    `${base}/:id/diff`,
    {
      config: { access: 'comms.read' },
      schema: {
        tags,
        summary: 'What changed between two versions of a holding statement',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: VersionDiff },
      },
    },
    async (request) => comms.diff(contextOf(request), ref(request.params), request.query.from, request.query.to),
  );

  server.post(
    `${base}/:id/comments`,
    {
      config: { access: 'comms.draft' },
      schema: { tags, summary: 'Comment on a holding statement', params: IdParams, body: CommentBody, response: { 201: Comment } },
    },
    async (request, reply) => reply.status(201).send(await comms.comment(contextOf(request), ref(request.params), request.body.body)),
  );

  server.post(
    `${base}/:id/lint`,
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'Lint a holding statement', params: IdParams, response: { 200: LintResult } },
    },
    async (request) => comms.lint(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:id/review-request`,
    {
      config: { access: 'comms.draft' },
      schema: {
        tags,
        summary: "Ask the channel's reviewers to review a holding statement's current version",
        params: IdParams,
        response: { 200: HoldingStatement },
      },
    },
    async (request) => comms.requestReview(contextOf(request), ref(request.params)),
  );

  server.post(
    `${base}/:id/approve`,
    {
      config: { access: 'comms.review' },
      schema: { tags, summary: "Approve a holding statement's version", params: IdParams, body: ApproveBody, response: { 200: HoldingStatement } },
    },
    async (request) => comms.approve(contextOf(request), ref(request.params), request.body.version),
  );

  server.post(
    `${base}/:id/publish`,
    {
      config: { access: 'comms.publish' },
      schema: {
        tags,
        summary: 'Publish an approved holding statement onto an incident in one step (its communication, already approved, is sent)',
        params: IdParams,
        body: PublishHoldingBody,
        response: { 201: Communication },
      },
    },
    async (request, reply) => {
      const { incidentId, ...options } = request.body;
      return reply.status(201).send(await sending.publishHolding(contextOf(request), request.params.id, incidentId, options));
    },
  );
}

function settingsRoutes(server: HttpApp, app: App): void {
  const plans = app.services.commsPlans;

  server.get(
    '/api/communications/settings',
    {
      config: { access: 'comms.read' },
      schema: { tags, summary: 'Who drafts, reviews and sends each channel, and the security notices list', response: { 200: Settings } },
    },
    async (request) => plans.settings(contextOf(request)),
  );

  server.put(
    '/api/communications/channel-roles/:channel',
    {
      config: { access: 'comms.manage' },
      schema: { tags, summary: 'Set who drafts, reviews and sends a channel', params: ChannelParams, body: ChannelRolesBody, response: { 200: ChannelRoles } },
    },
    async (request) => plans.setChannelRoles(contextOf(request), request.params.channel, request.body),
  );

  server.put(
    '/api/communications/security-notices-list',
    {
      config: { access: 'comms.manage' },
      schema: { tags, summary: 'Mark the distribution list that is the opt-in security notices list', body: SecurityNoticesBody, response: { 200: Settings } },
    },
    async (request) => plans.setSecurityNoticesList(contextOf(request), request.body.listId),
  );
}
