// An incident's external communications through the reference plan's flow to all clear, with
// approvals by different people, against a local SMTP sink (counting what it received), a loopback
// blog webhook receiver, and a recording status page; plus the refusals: drafter approving their own
// draft, an edit voiding the approval, sending unapproved, customers first, tracking links, a missing
// fact at preview, a restricted responder's name. Runs on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

const SECURITY = 'security@secdesk.example';
const PRESS = 'press@news.example';
const SECRET = 'blog-webhook-secret';

let t: TestApp;
let sink: SmtpSink;
let blog: Server;
const blogPosts: { body: Record<string, unknown>; signatureOk: boolean }[] = [];
let blogAnswer = 201;
type Person = 'admin' | 'im' | 'eng' | 'cm' | 'mk' | 'support' | 'lead' | 'reader';
const people = {} as Record<Person, Client>;

before(async () => {
  sink = await startSmtpSink();
  blog = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-secdesk-signature'])) ?? [];
      const signatureOk = sig === createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex');
      blogPosts.push({ body: JSON.parse(raw), signatureOk });
      res
        .writeHead(blogAnswer, { 'content-type': 'application/json' })
        .end(JSON.stringify(blogAnswer === 201 ? { url: 'https://blog.example.com/2026/11/our-response' } : { error: 'unprocessable' }));
    });
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  t = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_INBOX_ADDRESS: SECURITY,
      SECDESK_PUBLIC_URL: 'https://secdesk.example',
      SECDESK_PRESS_ADDRESS: PRESS,
      SECDESK_BLOG_WEBHOOK_URL: `http://127.0.0.1:${(blog.address() as AddressInfo).port}/hooks/publish`,
      SECDESK_BLOG_WEBHOOK_SECRET: SECRET,
      SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE: 'true',
      SECDESK_FANOUT_RETRY_SECONDS: '0.2',
    },
  });
  const roles: Record<Person, string[]> = {
    admin: ['admin'],
    im: ['incident_manager'],
    eng: ['security_engineer'],
    cm: ['communications_manager'],
    mk: ['marketing'],
    support: ['support'],
    lead: ['security_engineer', 'communications_manager'],
    reader: ['read_only'],
  };
  for (const [name, held] of Object.entries(roles) as [Person, string[]][]) {
    await createUser(t.app, `${name}@corp.example`, held);
    people[name] = await signIn(t.http, `${name}@corp.example`);
  }
});

after(async () => {
  await t.close();
  await sink.close();
  await new Promise((resolve) => blog.close(resolve));
});

async function ok(client: Client, method: string, url: string, payload?: unknown, status = 200) {
  const res = await client.request(method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json();
}

async function refused(client: Client, method: string, url: string, payload: unknown, status: number, message: RegExp) {
  const res = await client.request(method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  assert.match(res.json().error.message, message);
  return res.json();
}

async function importList(name: string, csv: string, audience = 'users'): Promise<string> {
  const cm = people.cm;
  const res = await t.http.inject({
    method: 'POST',
    url: `/api/distribution-lists?name=${name}&audience=${audience}`,
    headers: { cookie: cm.cookie, 'x-csrf-token': cm.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().list.id;
}

async function declare(title: string, extra: Record<string, unknown> = {}) {
  return ok(
    people.im,
    'POST',
    '/api/incidents',
    { title, description: 'Internal notes', type: 'data_breach', impact: 5, likelihood: 5, facts: { dataBreach: true, personalDataExposed: true }, ...extra },
    201,
  );
}

const sendDone = (sendId: string) =>
  waitFor(async () => {
    const p = (await people.admin.request('GET', `/api/sends/${sendId}/progress`)).json();
    return p.status === 'done' ? p : undefined;
  }, `send ${sendId} done`);

/** Draft (from the template unless text is given), then approve by the reviewer; returns the communication. */
async function draftAndApprove(base: string, drafter: Client, reviewer: Client, channel: string, text?: { subject: string; body: string }) {
  const draft = await ok(drafter, 'POST', base, { channel, ...text }, 201);
  const lint = await ok(drafter, 'POST', `${base}/${draft.id}/lint`);
  assert.deepEqual(lint.findings, [], `${channel} lint`);
  return ok(reviewer, 'POST', `${base}/${draft.id}/approve`, { version: draft.currentVersion });
}

async function testThenSend(base: string, id: string, sender: Client, body: Record<string, unknown> = {}) {
  const tested = await ok(sender, 'POST', `${base}/${id}/test-send`, {});
  assert.equal(tested.status, 'testing');
  await sendDone(tested.testSendId);
  const sent = await ok(sender, 'POST', `${base}/${id}/send`, body);
  await sendDone(sent.sendId);
  return sent;
}

test(`an incident's external communications go through the flow to all clear (${TEST_ENGINE})`, async () => {
  const { im, eng, cm, mk, admin, support } = people;
  const incident = await declare('Exposed backups of customer data');
  const base = `/api/incidents/${incident.id}/communications`;

  let plan = await ok(cm, 'GET', `${base}/plan`);
  assert.equal(plan.applies, true);
  assert.equal(plan.flow.stage, 'investigate');
  assert.deepEqual(
    plan.flow.blockers.map((b: { code: string }) => b.code),
    ['impact_not_determined'],
  );

  await ok(im, 'PATCH', `/api/incidents/${incident.id}`, { facts: { impactDetermined: true } });
  await ok(im, 'PUT', `${base}/plan/scope`, {
    scope: 'Customers whose backups were in the exposed bucket',
    frequencyMinutes: 240,
    publicTitle: 'Unauthorised access to backups',
  });
  plan = await ok(im, 'PUT', `${base}/plan/medium`, {
    channels: ['customer_email', 'blog_post', 'security_alert', 'customer_faq', 'social_post', 'status_page', 'press_statement'],
  });
  assert.equal(plan.flow.stage, 'engage_teams');
  assert.deepEqual(plan.flow.blockers.map((b: { code: string }) => b.code).sort(), [
    'team_not_engaged',
    'team_not_engaged',
    'team_not_engaged',
    'team_not_engaged',
  ]);
  assert.deepEqual(
    plan.rounds.map((r: { number: number }) => r.number),
    [1],
  );

  const users = Object.fromEntries(
    await Promise.all(Object.keys(people).map(async (n) => [n, (await t.app.store.read.users.byEmail(`${n}@corp.example`))!.id])),
  );
  for (const [team, owner] of [
    ['marketing_programs', users.mk],
    ['marketing_ops', users.mk],
    ['support', users.support],
  ] as const) {
    await ok(im, 'POST', `${base}/plan/tasks`, { team, title: `Engage ${team}`, ownerId: owner }, 201);
  }

  const customers = await importList(
    'impacted',
    [
      'Email,First Name,Audience',
      'c1@cust.example,Cy,customers',
      'c2@cust.example,Cee,customers',
      'c3@cust.example,Cid,customers',
      'u1@user.example,Uma,users',
    ].join('\n'),
  );
  const notices = await importList('security-notices', ['Email', 's1@sub.example', 's2@sub.example'].join('\n'));
  await ok(im, 'PUT', `${base}/plan/lists/customers`, { listId: customers });
  await ok(admin, 'PUT', '/api/communications/security-notices-list', { listId: notices });

  // A template referencing a fact the incident does not have yet is refused at preview, with its position.
  const preview = await refused(cm, 'POST', `${base}/preview`, { channel: 'social_post' }, 400, /\{\{blog\.url\}\}/);
  assert.ok(
    preview.error.details.some(
      (d: { placeholder: string; problem: string; line: number; column: number }) =>
        d.placeholder === '{{blog.url}}' && d.problem === 'missing' && d.line === 1 && d.column > 1,
    ),
  );

  // Customer email: drafted from the template by the incident manager.
  const email = await ok(im, 'POST', base, { channel: 'customer_email' }, 201);
  assert.match(email.versions[0].body, /personal data is exposed; there is a data breach/);
  // A tracking link is flagged by the linter and blocks approval.
  const tracked = await ok(
    im,
    'POST',
    `${base}/${email.id}/versions`,
    { subject: email.subject, body: `${email.versions[0].body}\nDetails: https://status.example.com/x?utm_source=email&utm_medium=notice` },
    201,
  );
  const lint = await ok(eng, 'POST', `${base}/${email.id}/lint`);
  assert.deepEqual(
    lint.findings.map((f: { rule: string; text: string }) => `${f.rule}:${f.text}`),
    ['tracking-parameter:utm_source', 'tracking-parameter:utm_medium'],
  );
  await refused(eng, 'POST', `${base}/${email.id}/approve`, { version: tracked.currentVersion }, 400, /linter found 2 problem/);
  const clean = await ok(
    im,
    'POST',
    `${base}/${email.id}/versions`,
    { subject: email.subject, body: `${email.versions[0].body}\nDetails: https://status.example.com/x` },
    201,
  );
  const diff = await ok(eng, 'GET', `${base}/${email.id}/diff?from=2&to=3`);
  assert.ok(diff.body.some((p: { removed: boolean; value: string }) => p.removed && p.value.includes('utm_source')));
  await ok(eng, 'POST', `${base}/${email.id}/comments`, { body: 'Reads well.' }, 201);
  let approved = await ok(eng, 'POST', `${base}/${email.id}/approve`, { version: clean.currentVersion });
  assert.equal(approved.status, 'approved');
  // Any edit after approval voids it; sending then needs a new approval.
  const edited = await ok(
    im,
    'POST',
    `${base}/${email.id}/versions`,
    { subject: email.subject, body: `${clean.versions.at(-1).body}\nThank you for your patience.` },
    201,
  );
  assert.equal(edited.status, 'draft');
  assert.equal(edited.approval, null);
  await refused(mk, 'POST', `${base}/${email.id}/test-send`, {}, 409, /not approved/);
  await refused(mk, 'POST', `${base}/${email.id}/send`, {}, 409, /not approved/);
  approved = await ok(eng, 'POST', `${base}/${email.id}/approve`, { version: edited.currentVersion });

  // Blog post: drafted and approved, but customers come first.
  const lintOfBlog = {
    subject: 'Exposed backups: our response',
    body: '## Background\n\nA storage bucket was public.\n\n## What you need to do\n\nRotate your tokens.\n',
  };
  const blogPost = await draftAndApprove(base, eng, cm, 'blog_post', lintOfBlog);
  await refused(cm, 'POST', `${base}/${blogPost.id}/send`, {}, 409, /customers first/);

  // Status page: the incident manager records why it may go before the customer email.
  const status = await draftAndApprove(base, im, cm, 'status_page', {
    subject: 'Exposed backups',
    body: 'We are investigating exposed backups. Next update within 4 hours.',
  });
  await refused(cm, 'POST', `${base}/${status.id}/send`, { status: 'investigating' }, 409, /customers first/);
  await refused(
    cm,
    'POST',
    `${base}/plan/overrides`,
    { round: 1, channel: 'status_page', reason: 'Customers are asking on social media already' },
    403,
    /comms.override/,
  );
  plan = await ok(im, 'POST', `${base}/plan/overrides`, { round: 1, channel: 'status_page', reason: 'Customers are asking on social media already' }, 201);
  assert.equal(plan.overrides[0].channel, 'status_page');
  await refused(im, 'POST', `${base}/${status.id}/send`, { status: 'investigating' }, 403, /send/);
  const statusSent = await ok(cm, 'POST', `${base}/${status.id}/send`, { status: 'investigating' });
  assert.match(statusSent.publishedUrl, /^https:\/\/secdesk\.example\/status\/incidents\//);
  // On the real public page, as published (the status page module's own snapshot).
  const onPage = await waitFor(async () => {
    const summary = (await t.http.inject({ method: 'GET', url: '/status.json' })).json() as {
      incidents: { name: string; incident_updates: { status: string; body: string }[] }[];
    };
    return summary.incidents.find((i) => i.incident_updates.some((u) => u.body.includes('We are investigating exposed backups.')));
  }, 'the status page update on /status.json');
  assert.equal(onPage.incident_updates[0]!.status, 'investigating');

  // The customer email: test to the reviewers (approver and author), then the customers audience.
  const emailSent = await testThenSend(base, email.id, mk);
  assert.equal(emailSent.status, 'sent');
  const toCustomers = sink.received.filter(
    (m) => m.subject === approved.subject && /@cust\.example$/.test(m.to && !Array.isArray(m.to) ? m.to.value[0]!.address! : ''),
  );
  assert.equal(toCustomers.length, 3);
  const reviewersGot = sink.received
    .filter((m) => m.subject === approved.subject && /@corp\.example$/.test(m.to && !Array.isArray(m.to) ? m.to.value[0]!.address! : ''))
    .map((m) => (m.to as { text: string }).text)
    .sort();
  assert.deepEqual(reviewersGot, ['eng@corp.example', 'im@corp.example']);
  for (const m of toCustomers) {
    assert.equal(m.html, false, 'no HTML part');
    assert.equal(m.from!.value[0]!.address, SECURITY);
    assert.equal(m.replyTo!.value[0]!.address, SECURITY);
  }
  assert.equal(sink.received.filter((m) => /u1@user\.example/.test((m.to as { text: string }).text)).length, 0, 'the users audience was not sent to');

  // The sent snapshot is exactly the approved version.
  const snapshot = await ok(cm, 'GET', `${base}/${email.id}`);
  const approvedVersion = snapshot.versions.find((v: { version: number }) => v.version === snapshot.approval.version);
  assert.equal(snapshot.sent.approvedVersion, snapshot.approval.version);
  assert.equal(snapshot.sent.version, approvedVersion.version);
  assert.equal(
    snapshot.sent.contentHash,
    createHash('sha256')
      .update(JSON.stringify([approvedVersion.subject, approvedVersion.body]))
      .digest('hex'),
  );
  assert.equal(snapshot.sent.approver, 'eng@corp.example');
  assert.equal(snapshot.sent.sender, 'mk@corp.example');
  assert.deepEqual(snapshot.approvedVsSent, []);
  await refused(im, 'POST', `${base}/${email.id}/versions`, { subject: 'x', body: 'y' }, 409, /never changed/);

  // The blog post, now allowed: published through the signed webhook (a durable job).
  await ok(cm, 'POST', `${base}/${blogPost.id}/send`, {});
  const published = await waitFor(async () => {
    const c = (await cm.request('GET', `${base}/${blogPost.id}`)).json();
    return c.publishState === 'published' ? c : undefined;
  }, 'the blog post published');
  assert.equal(published.publishedUrl, 'https://blog.example.com/2026/11/our-response');
  assert.equal(blogPosts.length, 1);
  assert.equal(blogPosts[0]!.signatureOk, true);
  assert.equal(blogPosts[0]!.body.markdown, lintOfBlog.body);
  const md = await cm.request('GET', `${base}/${blogPost.id}/export.md`);
  assert.equal(md.body, `# ${lintOfBlog.subject}\n\n${lintOfBlog.body.trimEnd()}\n`);

  // Social post: now the template fills in the blog link; released only once Community Advocates are engaged.
  const social = await draftAndApprove(base, cm, mk, 'social_post');
  assert.match(social.versions[0].body, /https:\/\/blog\.example\.com\/2026\/11\/our-response/);
  await refused(cm, 'POST', `${base}/${social.id}/send`, { network: 'x' }, 409, /Community Advocates/);
  await ok(im, 'POST', `${base}/plan/tasks`, { team: 'community_advocates', title: 'Respond on social channels', ownerId: users.cm }, 201);
  const socialSent = await ok(cm, 'POST', `${base}/${social.id}/send`, { network: 'x' });
  assert.equal(socialSent.status, 'sent');

  // Security alert: list mail to the opt-in list, with one-click unsubscribe.
  const alert = await draftAndApprove(base, cm, eng, 'security_alert');
  await testThenSend(base, alert.id, cm);
  const alerts = sink.received.filter((m) => m.subject === alert.subject && /@sub\.example$/.test((m.to as { text: string }).text));
  assert.equal(alerts.length, 2);
  for (const m of alerts) {
    assert.equal(m.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    assert.match(m.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '', /<https:\/\/secdesk\.example\/api\/unsubscribe\//);
    assert.equal(m.html, false);
  }

  // FAQ: handed to Support as prepared responses.
  const faq = await draftAndApprove(base, cm, im, 'customer_faq', {
    subject: 'FAQ: exposed backups',
    body: 'Q: Am I affected?\nA: Only customers we wrote to.\n',
  });
  await ok(support, 'POST', `${base}/${faq.id}/send`, {});
  const prepared = await ok(support, 'GET', '/api/prepared-responses');
  assert.deepEqual(
    prepared.items.map((p: { communicationId: string; incidentNumber: number }) => [p.communicationId, p.incidentNumber]),
    [[faq.id, incident.number]],
  );

  // Press statement: approved, released, mailed to the press contact through the outbox.
  const press = await draftAndApprove(base, cm, admin, 'press_statement', {
    subject: 'Statement on exposed backups',
    body: 'We have secured the bucket and informed every affected customer.',
  });
  await ok(mk, 'POST', `${base}/${press.id}/send`, {});
  await waitFor(() => sink.received.find((m) => (m.to as { text: string }).text === PRESS), 'the press statement mail');

  plan = await ok(im, 'GET', `${base}/plan`);
  assert.equal(plan.flow.stage, 'all_clear');
  assert.ok(plan.flow.nextCommunicationDue);
  assert.equal(plan.flow.overdue, false);

  // The final round: an all-clear customer email.
  await refused(im, 'POST', `${base}/plan/rounds`, { final: true }, 400, /^channels: choose the channels of the final round/);
  plan = await ok(im, 'POST', `${base}/plan/rounds`, { final: true, channels: ['customer_email'] }, 201);
  // The final round drafts from the all-clear template, naming the incident by its public title only.
  const allClear = await ok(im, 'POST', `${base}/preview`, { channel: 'customer_email' });
  assert.equal(allClear.template.key, 'comms.customer_email.all_clear');
  assert.equal(allClear.subject, 'Resolved: Unauthorised access to backups');
  assert.doesNotMatch(`${allClear.subject}\n${allClear.body}`, /Exposed backups of customer data/);
  const final = await draftAndApprove(base, im, eng, 'customer_email', {
    subject: 'All clear: exposed backups',
    body: 'Hello,\n\nThe incident is resolved. No further action is needed.\n',
  });
  await testThenSend(base, final.id, mk);
  plan = await ok(im, 'GET', `${base}/plan`);
  assert.equal(plan.flow.allClear, true);
  assert.ok(plan.allClearAt);
  assert.equal(sink.received.filter((m) => m.subject === 'All clear: exposed backups' && /@cust\.example$/.test((m.to as { text: string }).text)).length, 3);
  await refused(im, 'POST', `${base}/plan/rounds`, { final: false }, 409, /final round has started/);

  // Everything is in the audit log.
  const audit = await ok(admin, 'GET', '/api/audit?limit=200');
  const actions = new Set(audit.items.map((e: { action: string }) => e.action));
  for (const a of [
    'comms.scope_decided',
    'comms.medium_decided',
    'comms.team_engaged',
    'communication.drafted',
    'communication.edited',
    'communication.commented',
    'communication.approved',
    'communication.test_sent',
    'communication.sent',
    'comms.customers_first_overridden',
    'comms.all_clear',
  ]) {
    assert.ok(actions.has(a), `audit has ${a}`);
  }
});

test(`separation of duties: the drafter cannot approve their own draft, reviewers need the channel's role (${TEST_ENGINE})`, async () => {
  const { im, lead, cm, mk } = people;
  const incident = await declare('Second incident');
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['blog_post', 'customer_email'] });
  // lead drafts blog posts (security engineer) and reviews them (communications manager), but never their own.
  const draft = await ok(lead, 'POST', base, { channel: 'blog_post', subject: 'Our response', body: 'We fixed it.' }, 201);
  await refused(lead, 'POST', `${base}/${draft.id}/approve`, { version: 1 }, 409, /author of a version cannot approve it/);
  // Marketing may review some channels, but not the blog post.
  await refused(mk, 'POST', `${base}/${draft.id}/approve`, { version: 1 }, 403, /review blog_post/);
  const approved = await ok(cm, 'POST', `${base}/${draft.id}/approve`, { version: 1 });
  assert.equal(approved.approval.approver, 'cm@corp.example');
  // The channel's drafter role: the communications manager does not draft the customer email.
  await refused(cm, 'POST', base, { channel: 'customer_email' }, 403, /draft customer_email/);
});

test(`a restricted responder's name and an internal fact are flagged in public content (${TEST_ENGINE})`, async () => {
  const { im, cm, admin, support, reader } = people;
  const incident = await declare('Restricted incident', { visibility: 'restricted' });
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['press_statement', 'customer_faq'] });
  await refused(reader, 'GET', `${base}/plan`, undefined, 404, /incident not found/);
  const cmId = (await t.app.store.read.users.byEmail('cm@corp.example'))!.id;
  assert.equal((await im.request('POST', `/api/incidents/${incident.id}/responders`, { userId: cmId })).statusCode, 204);
  // A template placeholder naming an internal-only fact is refused at preview.
  await refused(
    cm,
    'POST',
    `${base}/preview`,
    { channel: 'press_statement', body: 'Note: {{fact.rce_exploited}}' },
    400,
    /rce_exploited is an internal-only fact/,
  );
  const draft = await ok(
    cm,
    'POST',
    base,
    { channel: 'press_statement', subject: 'Statement', body: 'Ask im@corp.example, who found that an RCE has evidence of exploitation.' },
    201,
  );
  const lint = await ok(cm, 'POST', `${base}/${draft.id}/lint`);
  assert.deepEqual(
    lint.findings.map((f: { rule: string; text: string; column: number }) => `${f.rule}:${f.text}@${f.column}`),
    ['restricted-responder:im@corp.example@5', 'internal-fact:an RCE has evidence of exploitation@37'],
  );
  await refused(admin, 'POST', `${base}/${draft.id}/approve`, { version: 1 }, 400, /linter found 2/);
  // A restricted incident's FAQ reaches Support, and nobody else who may not see the incident.
  const faq = await draftAndApprove(base, cm, im, 'customer_faq', { subject: 'FAQ: restricted', body: 'Q: Am I affected?\nA: No.\n' });
  await ok(cm, 'POST', `${base}/${faq.id}/send`, {});
  // Support gets the FAQ's own subject and body, not the restricted incident's number, title or id.
  const forSupport = (await ok(support, 'GET', '/api/prepared-responses')).items.find((p: { communicationId: string }) => p.communicationId === faq.id);
  assert.deepEqual(
    { ...forSupport, publishedAt: undefined, publishedBy: undefined },
    {
      communicationId: faq.id,
      incidentId: null,
      incidentNumber: null,
      incidentTitle: null,
      subject: 'FAQ: restricted',
      body: 'Q: Am I affected?\nA: No.\n',
      publishedAt: undefined,
      publishedBy: undefined,
    },
  );
  assert.doesNotMatch(JSON.stringify((await ok(support, 'GET', '/api/prepared-responses')).items), /Restricted incident/);
  const forMember = (await ok(im, 'GET', '/api/prepared-responses')).items.find((p: { communicationId: string }) => p.communicationId === faq.id);
  assert.deepEqual([forMember.incidentNumber, forMember.incidentTitle], [incident.number, 'Restricted incident']);
  assert.ok(!(await ok(reader, 'GET', '/api/prepared-responses')).items.some((p: { communicationId: string }) => p.communicationId === faq.id));
});

test(`a pre-approved holding statement is published onto an incident in one step (${TEST_ENGINE})`, async () => {
  const { cm, im, support } = people;
  const holding = await ok(
    cm,
    'POST',
    '/api/holding-statements',
    {
      channel: 'customer_faq',
      title: 'Generic data exposure FAQ',
      subject: 'FAQ: data exposure',
      body: 'Q: What happened?\nA: We are investigating and will update you.\n',
    },
    201,
  );
  await refused(cm, 'POST', `/api/holding-statements/${holding.id}/approve`, { version: 1 }, 409, /author/);
  const incident = await declare('Third incident');
  await refused(support, 'POST', `/api/holding-statements/${holding.id}/publish`, { incidentId: incident.id }, 409, /not approved/);
  await ok(im, 'POST', `/api/holding-statements/${holding.id}/approve`, { version: 1 });
  const published = await ok(support, 'POST', `/api/holding-statements/${holding.id}/publish`, { incidentId: incident.id }, 201);
  assert.equal(published.status, 'sent');
  assert.equal(published.holdingStatementId, holding.id);
  assert.equal(published.sent.approver, 'im@corp.example');
  assert.deepEqual(published.approvedVsSent, []);
  const list = await ok(support, 'GET', '/api/holding-statements');
  assert.ok(list.items.some((h: { id: string; title: string }) => h.id === holding.id && h.title === 'Generic data exposure FAQ'));
  assert.ok((await ok(support, 'GET', '/api/prepared-responses')).items.some((p: { communicationId: string }) => p.communicationId === published.id));
});

test(`a blog post the webhook refuses is recorded as failed, on the timeline (${TEST_ENGINE})`, async () => {
  const { im, eng, cm } = people;
  const incident = await declare('Fourth incident');
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['blog_post'] });
  const post = await draftAndApprove(base, eng, cm, 'blog_post', { subject: 'Fourth: our response', body: 'We fixed it.\n' });
  await ok(im, 'POST', `${base}/plan/overrides`, { round: 1, channel: 'blog_post', reason: 'No customer email for this incident' }, 201);
  blogAnswer = 422;
  try {
    await ok(cm, 'POST', `${base}/${post.id}/send`, {});
    const failed = await waitFor(async () => {
      const c = (await cm.request('GET', `${base}/${post.id}`)).json();
      return c.publishState === 'failed' ? c : undefined;
    }, 'the blog post recorded as failed');
    assert.equal(failed.publishedUrl, null);
    assert.equal(failed.status, 'sent', 'released: the snapshot is kept whatever the blog answers');
  } finally {
    blogAnswer = 201;
  }
  await ok(cm, 'POST', `${base}/${post.id}/retry-delivery`);
  const published = await waitFor(async () => {
    const c = (await cm.request('GET', `${base}/${post.id}`)).json();
    return c.publishState === 'published' ? c : undefined;
  }, 'the blog post published on the retry');
  assert.equal(published.publishedUrl, 'https://blog.example.com/2026/11/our-response');
  await refused(cm, 'POST', `${base}/${post.id}/retry-delivery`, undefined, 409, /delivery failed/);
  const timeline = (await ok(im, 'GET', `/api/incidents/${incident.id}`)).timeline.map((e: { summary: string }) => e.summary);
  assert.ok(timeline.some((s: string) => /Blog post publish failed: the blog webhook answered HTTP 422/.test(s)));
});

test(`all clear waits for every channel chosen for the final round, and is recorded once (${TEST_ENGINE})`, async () => {
  const { im, eng, cm, mk, admin } = people;
  const incident = await declare('Fifth incident');
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email', 'status_page'] });
  const customers = await importList('fifth', ['Email,Audience', 'c5@cust.example,customers'].join('\n'));
  await ok(im, 'PUT', `${base}/plan/lists/customers`, { listId: customers });

  // Round 1: the status page first (recorded override). Two sends at once: one wins, the page gets one update.
  const first = await draftAndApprove(base, im, cm, 'status_page', { subject: 'Delayed exports', body: 'We are investigating delayed exports.' });
  await ok(im, 'POST', `${base}/plan/overrides`, { round: 1, channel: 'status_page', reason: 'Customers see the delays already' }, 201);
  const both = await Promise.all([
    cm.request('POST', `${base}/${first.id}/send`, { status: 'investigating' }),
    cm.request('POST', `${base}/${first.id}/send`, { status: 'investigating' }),
  ]);
  assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409], both.map((r) => r.body).join('\n'));
  const eventOf = async () => (await ok(admin, 'GET', '/api/statuspage/events')).items.find((e: { incidentId: string }) => e.incidentId === incident.id);
  assert.equal((await eventOf()).updates.length, 1, 'the losing send published nothing');

  // The final round: the customer email and the status page update.
  await refused(
    im,
    'POST',
    `${base}/plan/rounds`,
    { final: true, channels: ['customer_email', 'blog_post'] },
    400,
    /blog_post is not among the channels decided/,
  );
  let plan = await ok(im, 'POST', `${base}/plan/rounds`, { final: true, channels: ['customer_email', 'status_page'] }, 201);
  assert.deepEqual(plan.rounds.at(-1).channels, ['customer_email', 'status_page']);
  const email = await draftAndApprove(base, im, eng, 'customer_email', {
    subject: 'Exports: all clear',
    body: 'Hello,\n\nScheduled exports run on time again.\n',
  });
  // The email goes first; the status page update is not written yet, then only a draft.
  await testThenSend(base, email.id, mk);
  plan = await ok(im, 'GET', `${base}/plan`);
  assert.equal(plan.allClearAt, null, 'no all clear while the status page update is not sent');
  assert.equal(plan.flow.steps.find((st: { step: string }) => st.step === 'all_clear').state, 'pending');
  const draft = await ok(im, 'POST', base, { channel: 'status_page', subject: 'Delayed exports: resolved', body: 'Exports run on time again.' }, 201);
  plan = await ok(im, 'GET', `${base}/plan`);
  assert.equal(plan.allClearAt, null, 'no all clear while the status page update is a draft');
  const timelineAllClear = async () =>
    (await ok(im, 'GET', `/api/incidents/${incident.id}`)).timeline.filter((e: { summary: string }) => /^All clear/.test(e.summary));
  assert.deepEqual(await timelineAllClear(), []);

  await ok(cm, 'POST', `${base}/${draft.id}/approve`, { version: draft.currentVersion });
  await ok(cm, 'POST', `${base}/${draft.id}/send`, { status: 'resolved' });
  plan = await ok(im, 'GET', `${base}/plan`);
  assert.ok(plan.allClearAt, 'all clear once every chosen channel is sent');
  assert.equal((await timelineAllClear()).length, 1);
  const audit = await ok(admin, 'GET', '/api/audit?limit=200');
  assert.equal(audit.items.filter((e: { action: string; entityId: string }) => e.action === 'comms.all_clear' && e.entityId === incident.id).length, 1);
  assert.equal((await eventOf()).title, 'Delayed exports: resolved', 'the approved subject is the public title');
});

test(`a test send refused part-way leaves no fan-out send behind (${TEST_ENGINE})`, async () => {
  const { im, eng, mk } = people;
  const incident = await declare('Sixth incident');
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email'] });
  const customers = await importList('sixth', ['Email,Audience', 'c6@cust.example,customers'].join('\n'));
  await ok(im, 'PUT', `${base}/plan/lists/customers`, { listId: customers });
  const email = await draftAndApprove(base, im, eng, 'customer_email', { subject: 'Exports are delayed', body: 'Hello,\n\nScheduled exports are delayed.\n' });
  const sends = async () => (await t.app.database.db.selectFrom('sends').select('id').execute()).length;
  const before = await sends();
  // The send's list and content are fine; the reviewer's address is refused after them.
  await refused(mk, 'POST', `${base}/${email.id}/test-send`, { reviewers: ['not an address'] }, 400, /invalid reviewer address/);
  assert.equal(await sends(), before, 'no draft send is left without its test');
  assert.equal((await ok(mk, 'GET', `${base}/${email.id}`)).sendId, null);
  const tested = await ok(mk, 'POST', `${base}/${email.id}/test-send`, {});
  assert.equal(await sends(), before + 2, 'the send and its test');
  await sendDone(tested.testSendId);
});

test(`a customer email uses the attached list's columns: each recipient gets their own value (${TEST_ENGINE})`, async () => {
  const { im, eng, mk } = people;
  const incident = await declare('Seventh incident');
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email'] });
  const regional = await importList(
    'regional',
    ['Email,First Name,Region,Audience', 'r1@cust.example,Ria,EU-West,customers', 'r2@cust.example,Rob,US-East,customers'].join('\n'),
  );
  await ok(im, 'PUT', `${base}/plan/lists/customers`, { listId: regional });
  const subject = 'Security notice for {{region}}';
  const body = 'Hello {{first_name}},\nyour data in {{region}} is safe.\n';

  // The renderer knows the list's columns; a misspelt one is refused with its name and position.
  const wrong = await refused(
    im,
    'POST',
    base,
    { channel: 'customer_email', subject, body: body.replace('{{region}} is', '{{regoin}} is') },
    400,
    /\{\{regoin\}\}/,
  );
  assert.deepEqual(
    wrong.error.details.map((d: { placeholder: string; line: number; column: number }) => [d.placeholder, d.line, d.column]),
    [['{{regoin}}', 2, 14]],
  );
  const email = await ok(im, 'POST', base, { channel: 'customer_email', subject, body }, 201);
  assert.equal(email.versions[0].body, body, 'per-recipient placeholders are kept for the send');
  assert.deepEqual(email.placeholders, { list: 'regional', names: ['first_name', 'last_name', 'company', 'email', 'unsubscribe_url', 'region'] });
  // The linter flags a misspelt column where it stands, and accepts the list's own.
  await ok(im, 'POST', `${base}/${email.id}/versions`, { subject, body: body.replace('{{region}} is', '{{regoin}} is') }, 201);
  const lint = await ok(eng, 'POST', `${base}/${email.id}/lint`);
  assert.deepEqual(
    lint.findings.map((f: { rule: string; text: string; line: number; column: number }) => [f.rule, f.text, f.line, f.column]),
    [['unfilled-placeholder', '{{regoin}}', 2, 14]],
  );
  const fixed = await ok(im, 'POST', `${base}/${email.id}/versions`, { subject, body }, 201);
  assert.deepEqual((await ok(eng, 'POST', `${base}/${email.id}/lint`)).findings, []);
  await ok(eng, 'POST', `${base}/${email.id}/approve`, { version: fixed.currentVersion });

  await testThenSend(base, email.id, mk);
  const to = (address: string) => sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address).map((m) => [m.subject, m.text!.trim()]);
  assert.deepEqual(to('r1@cust.example'), [['Security notice for EU-West', 'Hello Ria,\nyour data in EU-West is safe.']]);
  assert.deepEqual(to('r2@cust.example'), [['Security notice for US-East', 'Hello Rob,\nyour data in US-East is safe.']]);
});

test(`with no list attached, the customer email goes to the team's security notices list, set up once (${TEST_ENGINE})`, async () => {
  const { im, eng, mk, admin } = people;
  const before = (await ok(admin, 'GET', '/api/communications/settings')).securityNoticesListId;
  const team = await importList('team-customers', ['Email,Audience', 't1@cust.example,customers', 't2@cust.example,customers'].join('\n'), 'customers');
  await ok(admin, 'PUT', '/api/communications/security-notices-list', { listId: team });
  try {
    const incident = await declare('Eighth incident');
    const base = `/api/incidents/${incident.id}/communications`;
    let plan = await ok(im, 'GET', `${base}/plan`);
    assert.deepEqual(plan.prescribedChannels, ['customer_email', 'status_page'], 'a high-risk incident: customer email and status page');
    assert.deepEqual(plan.defaultList, { listId: team, listName: 'team-customers' });
    await ok(im, 'PATCH', `/api/incidents/${incident.id}`, { facts: { impactDetermined: true } });
    plan = await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email'] });
    assert.deepEqual(plan.lists, [], 'nothing attached to the incident');
    assert.ok(!plan.flow.blockers.some((b: { code: string }) => b.code === 'list_missing'), 'no contact data is missing');
    const email = await draftAndApprove(base, im, eng, 'customer_email', {
      subject: 'Exports were readable',
      body: 'Hello,\n\nExports were readable for a while.\n',
    });
    const sent = await testThenSend(base, email.id, mk);
    const send = await ok(mk, 'GET', `/api/sends/${sent.sendId}`);
    assert.equal(send.listId, team, 'the real send goes to the team list');
    for (const to of ['t1@cust.example', 't2@cust.example'])
      await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes(to) && m.subject === 'Exports were readable'), `mail to ${to}`);
    // Without a team list nor an attached list, the refusal names the setting and where to change it.
    await ok(admin, 'PUT', '/api/communications/security-notices-list', { listId: null });
    const bare = await declare('Ninth incident');
    const bareBase = `/api/incidents/${bare.id}/communications`;
    await ok(im, 'PUT', `${bareBase}/plan/medium`, { channels: ['customer_email'] });
    const unsent = await draftAndApprove(bareBase, im, eng, 'customer_email', { subject: 'Exports', body: 'Hello,\n\nExports.\n' });
    await refused(mk, 'POST', `${bareBase}/${unsent.id}/test-send`, {}, 400, /security notices list \(Admin → Communications\)/);
  } finally {
    await ok(admin, 'PUT', '/api/communications/security-notices-list', { listId: before });
  }
});
