// Which templates exist, what each is for, and which placeholders each may use. The defaults say
// what the security inbox process asks for, in secdesk's own words; the team edits them (every
// save is a new version). Reply templates beyond the generic one may be added under `reply.`.

/** Every placeholder a template can use, with what it stands for. */
export const VARIABLES = {
  'requester.name': "the requester's name, or their address when the name is unknown",
  'requester.email': "the requester's address",
  'requester.organisation': "the requester's organisation (must be set on the ticket)",
  'ticket.number': 'the ticket number',
  'ticket.subject': 'the subject of the ticket',
  'team.name': "the security team's name (SECDESK_TEAM_NAME)",
  'security.address': 'the security address (SECDESK_INBOX_ADDRESS)',
  'support.address': "the Support team's address (SECDESK_SUPPORT_ADDRESS)",
  'programme.url': 'the bug bounty programme (SECDESK_BUG_BOUNTY_URL)',
  'disclosure_policy.url': 'the responsible disclosure policy (SECDESK_DISCLOSURE_POLICY_URL)',
  'dmca.address': 'the address for copyright complaints (SECDESK_DMCA_ADDRESS)',
  'dmca_policy.url': 'the DMCA policy (SECDESK_DMCA_POLICY_URL)',
  'reports.list': 'the compliance reports asked for, e.g. "SOC 2 report and penetration test report"',
  'customer.name': 'the customer a compliance request is for',
  'delivery.date': 'the next delivery day of compliance reports, e.g. "Friday, 27 November 2026"',
  'compliance.reason': 'why a compliance request could not be verified',
  'download.links': 'the personal download link of each report',
  'download.expires': 'the date the download links expire',
  'incident.number': 'the incident number',
  'incident.title': "the incident's internal title (never in public content: use incident.public_title)",
  'incident.public_title': 'how the incident is named to outsiders, decided with the communications scope',
  'incident.status': "the incident's status (declared, investigating, mitigated, resolved, closed)",
  'comms.next_update': 'when the next communication is due, e.g. "Tuesday, 24 November 2026 18:00 UTC"',
  'blog.url': "the published URL of the incident's blog post (only once it is published)",
  'fact.impact': 'the overall impact level (internal only)',
  'fact.users_impacted': 'how many users are impacted (none, some, many, all)',
  'fact.type': 'the incident type',
  'fact.data_breach': 'whether there is a data breach, as a sentence',
  'fact.personal_data_exposed': 'whether personal data is exposed, as a sentence',
  'fact.private_projects_exposed': 'whether private projects are exposed, as a sentence',
  'fact.financial_information_exposed': 'whether financial information is exposed, as a sentence',
  'fact.rce_exploited': 'whether an RCE has evidence of exploitation (internal only)',
  'fact.publicly_reported': 'whether the incident has been publicly reported, as a sentence',
  'fact.regulatory_duty': 'whether there is a regulatory duty to announce (internal only)',
  'fact.enterprise_customers_impacted': 'whether enterprise (self-managed) customers are impacted, as a sentence',
  'fact.impact_determined': 'whether the full impact has been determined (internal only)',
} as const;
export type Variable = keyof typeof VARIABLES;

const COMMON: readonly Variable[] = [
  'requester.name',
  'requester.email',
  'requester.organisation',
  'ticket.number',
  'ticket.subject',
  'team.name',
  'security.address',
];

export interface TemplateDefinition {
  key: string;
  name: string;
  purpose: string;
  variables: readonly Variable[];
  subject: string;
  body: string;
}

const THREAD_SUBJECT = 'Re: [secdesk #{{ticket.number}}] {{ticket.subject}}';

const INBOX_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'reply.generic',
    name: 'Reply',
    purpose: 'A friendly, complete answer to the requester; the ticket is then solved.',
    variables: COMMON,
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for writing to us.



If anything is still unclear, just answer this message and the ticket opens again.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'reply.out-of-scope',
    name: 'Reply: out of scope (low-value report)',
    purpose:
      "Answers a report of a well-known out-of-scope finding politely, with the policy's out-of-scope list (edit the list here). Triage suggests it for likely low-value reports; sending it stays the analyst's choice.",
    variables: [...COMMON, 'disclosure_policy.url'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for taking the time to write to us about security.

We have read your report. The finding it describes is on the list of issues our disclosure policy treats as out of scope, because on its own it does not let anyone harm our users or our systems:

  - missing or permissive SPF, DKIM or DMARC records, and other email configuration reports without a demonstrated spoofed message reaching an inbox
  - clickjacking on pages without a state-changing action
  - missing HTTP security headers without a demonstrated exploit
  - disclosure of software names or version numbers
  - self-XSS, which only the victim can trigger in their own browser
  - missing rate limiting on forms that are not sensitive (contact, newsletter, feedback)
  - output of automated scanners without a verified, exploitable finding

Such reports are not eligible for a reward. Our full policy is here:

  {{disclosure_policy.url}}

If we have misread your report, and you can show a concrete impact (for example another user's data or account being affected), answer this message with the steps to reproduce and we will look at it again.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'reply.duplicate',
    name: 'Reply: duplicate of a known report',
    purpose: 'Thanks a researcher whose report duplicates one we already have. The ticket page offers it once an analyst links the report as a duplicate.',
    variables: COMMON,
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for your report and for reporting it to us responsibly.

The issue you describe was already reported to us, and we are handling it under that earlier report. As only the first report of an issue is rewarded, yours is closed as a duplicate.

If you believe your report describes a different issue, or shows an impact the earlier one does not, answer this message and tell us what differs; we will look at it again.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'redirect.support.requester',
    name: 'Redirect: account support (to the requester)',
    purpose: 'Tells the requester that their account question went to Support.',
    variables: [...COMMON, 'support.address'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for getting in touch. Questions about signing in (a lost password, a lost second factor, a blocked account) are handled by our Support team, who have a proven procedure for restoring access safely.

We have passed your message on to them ({{support.address}}), with your original mail attached, so you do not need to write again. Someone from Support will contact you.

If your question is about a security weakness rather than your own account, answer this message and we will take it up again.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'redirect.support.forward',
    name: 'Redirect: account support (forward to Support)',
    purpose: "The note to the Support team that carries the requester's original message.",
    variables: [...COMMON, 'support.address'],
    subject: 'Fwd: [secdesk #{{ticket.number}}] {{ticket.subject}}',
    body: `Hello Support,

{{requester.name}} <{{requester.email}}> wrote to {{security.address}} about access to their account. This is yours to handle: their original message is attached unchanged.

We have told the requester that you will contact them. Replying to this message reaches them directly.

Ticket #{{ticket.number}} in secdesk
{{team.name}}`,
  },
  {
    key: 'redirect.vulnerability',
    name: 'Redirect: vulnerability report (bug bounty)',
    purpose: 'Points a vulnerability or exploit report to the bug bounty programme.',
    variables: [...COMMON, 'programme.url', 'disclosure_policy.url'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for taking the time to report this to us.

We triage vulnerability reports through our bug bounty programme, where reports are tracked to a fix and rewards are paid when a report qualifies:

  {{programme.url}}

Submitting there is the way to be considered for a bounty. Every report, wherever it is sent, falls under our responsible disclosure policy:

  {{disclosure_policy.url}}

If you would rather not use the programme, you can keep reporting directly to {{security.address}}; we will handle your report all the same.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'redirect.copyright',
    name: 'Redirect: copyright complaint (DMCA)',
    purpose: 'Refers a copyright complaint to the DMCA address and policy.',
    variables: [...COMMON, 'dmca.address', 'dmca_policy.url'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for letting us know. Complaints about material that infringes copyright are handled under the Digital Millennium Copyright Act (DMCA) by a dedicated team, not by the security team.

Please send your notice to {{dmca.address}}. What a notice needs to contain, and how we act on it, is described in our DMCA policy:

  {{dmca_policy.url}}

Kind regards,
{{team.name}}`,
  },
  {
    key: 'engagement.notice',
    name: 'Engage a team: research under way (to the requester)',
    purpose: 'Tells the requester that a specialist team is looking into their question and that updates will follow.',
    variables: COMMON,
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for your question. Answering it properly needs input from specialists in our organisation, so we have asked the right team to look into it.

Research is under way. We will keep you posted on the progress, and you will hear from us again as soon as we have an answer. There is no need to write again in the meantime; if you have anything to add, just answer this message.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'compliance.receipt',
    name: 'Compliance request: receipt',
    purpose: 'Confirms a verified compliance report request and says when the reports will be sent.',
    variables: [...COMMON, 'reports.list', 'customer.name', 'delivery.date'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for your request. We have confirmed that {{customer.name}} may receive the {{reports.list}}, and your request is now in the queue.

We send reports in batches; yours will go out on {{delivery.date}}. You will receive a personal download link for each report, which works only for your address ({{requester.email}}) and for a limited time.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'compliance.unverified',
    name: 'Compliance request: not verified',
    purpose: 'Answers a compliance report request that could not be verified, saying why.',
    variables: [...COMMON, 'reports.list', 'compliance.reason'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Thank you for asking for the {{reports.list}}. We share these reports with our customers only, and we could not confirm this request: {{compliance.reason}}.

If you believe this is a mistake, please answer this message from your work address and tell us the name of your organisation, or ask your account manager to contact us.

Kind regards,
{{team.name}}`,
  },
  {
    key: 'compliance.delivery',
    name: 'Compliance request: delivery',
    purpose: 'Sends the personal, expiring download links of the requested reports.',
    variables: [...COMMON, 'reports.list', 'customer.name', 'download.links', 'download.expires'],
    subject: THREAD_SUBJECT,
    body: `Hello {{requester.name}},

Here is the {{reports.list}} you requested for {{customer.name}}:

{{download.links}}

Each link is personal: it asks for your address ({{requester.email}}) and works for nobody else. The links expire on {{download.expires}}. The reports are confidential; please do not forward them or the links.

If a link has expired, answer this message and we will send a new one.

Kind regards,
{{team.name}}`,
  },
];

/** The placeholders of external communications: the incident, its facts (see the fact catalogue) and the plan. */
export const COMMS_VARIABLES: readonly Variable[] = [
  'incident.number',
  'incident.public_title',
  'incident.title',
  'incident.status',
  'comms.next_update',
  'blog.url',
  'team.name',
  'security.address',
  'fact.impact',
  'fact.users_impacted',
  'fact.type',
  'fact.data_breach',
  'fact.personal_data_exposed',
  'fact.private_projects_exposed',
  'fact.financial_information_exposed',
  'fact.rce_exploited',
  'fact.publicly_reported',
  'fact.regulatory_duty',
  'fact.enterprise_customers_impacted',
  'fact.impact_determined',
];

const SIGNATURE = `{{team.name}}\nQuestions: {{security.address}}`;

/** One template per external communications channel (key `comms.<channel>`), filled with the incident's facts. */
export const COMMS_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'comms.customer_email',
    name: 'Incident response customer email',
    variables: COMMS_VARIABLES,
    purpose: 'Plain-text email to impacted customers: background, response, impact, follow-up actions and whom to contact.',
    subject: 'Security notice: {{incident.public_title}}',
    body: `Hello,\n\nWe are writing to let you know about a security incident that affects your account: {{incident.public_title}}.\n\nWhat happened\n\n\nWhat we are doing\n\n\nWhat this means for you\n{{fact.personal_data_exposed}}; {{fact.data_breach}}.\n\nWhat you should do\n\n\nWe will write again by {{comms.next_update}}. If you have questions, reply to this message.\n\n${SIGNATURE}`,
  },
  {
    key: 'comms.blog_post',
    name: 'Mitigation and response blog post',
    variables: COMMS_VARIABLES,
    purpose: 'Markdown blog post: background, our response and any action required by customers.',
    subject: '{{incident.public_title}}: our response',
    body: `## Background\n\n\n## Our response\n\n\n## What you need to do\n\n\n## Questions\n\nWrite to {{security.address}}.\n`,
  },
  {
    key: 'comms.security_alert',
    name: 'Security release alert email',
    variables: COMMS_VARIABLES,
    purpose: 'Plain-text alert to the opt-in security notices list: the action required and the blog post.',
    subject: 'Security alert: {{incident.public_title}}',
    body: `Action required: \n\nDetails and mitigation steps: {{blog.url}}\n\n${SIGNATURE}`,
  },
  {
    key: 'comms.customer_faq',
    name: 'Customer FAQ (prepared responses)',
    variables: COMMS_VARIABLES,
    purpose: 'Early or probable customer questions with their answers, handed to Support.',
    subject: 'FAQ: {{incident.public_title}}',
    body: `Q: Am I affected?\nA: \n\nQ: Was my data exposed?\nA: {{fact.personal_data_exposed}}.\n\nQ: What should I do?\nA: \n\nQ: Where can I ask more?\nA: {{security.address}}\n`,
  },
  {
    key: 'comms.social_post',
    name: 'Social media post',
    variables: COMMS_VARIABLES,
    purpose: 'A short post for Community Advocates that points to the blog post.',
    subject: 'Social post: {{incident.public_title}}',
    body: `We are responding to a security incident: {{incident.public_title}}. Details and what to do: {{blog.url}}`,
  },
  {
    key: 'comms.status_page',
    name: 'Status page update',
    variables: COMMS_VARIABLES,
    purpose: 'A status page update: what is affected and the current state.',
    subject: '{{incident.public_title}}',
    body: `We are investigating {{incident.public_title}}. Next update by {{comms.next_update}}.`,
  },
  {
    key: 'comms.press_statement',
    name: 'Press statement',
    variables: COMMS_VARIABLES,
    purpose: 'The official statement released to the press contact.',
    subject: 'Statement: {{incident.public_title}}',
    body: `{{team.name}} is aware of {{incident.public_title}}. \n\nFor press enquiries: {{security.address}}`,
  },
];

/** The final round's templates (key `comms.<channel>.all_clear`): the all clear on each channel. */
export const ALL_CLEAR_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'comms.customer_email.all_clear',
    name: 'All clear: customer email',
    variables: COMMS_VARIABLES,
    purpose: 'The final customer email: the incident is resolved, what was done, and anything customers still need to do.',
    subject: 'Resolved: {{incident.public_title}}',
    body: `Hello,\n\nWe wrote to you earlier about {{incident.public_title}}. The incident is resolved.\n\nWhat we did\n\n\nWhat you need to do now\n\n\nThis is our last message about it. If you have questions, reply to this message.\n\n${SIGNATURE}`,
  },
  {
    key: 'comms.blog_post.all_clear',
    name: 'All clear: blog post',
    variables: COMMS_VARIABLES,
    purpose: 'The closing update of the mitigation and response blog post.',
    subject: '{{incident.public_title}}: resolved',
    body: `## Update: resolved\n\n\n## What we changed\n\n\n## Questions\n\nWrite to {{security.address}}.\n`,
  },
  {
    key: 'comms.security_alert.all_clear',
    name: 'All clear: security alert',
    variables: COMMS_VARIABLES,
    purpose: 'The closing alert to the opt-in security notices list.',
    subject: 'Resolved: {{incident.public_title}}',
    body: `The issue is resolved. No further action is required unless stated here: \n\nDetails: {{blog.url}}\n\n${SIGNATURE}`,
  },
  {
    key: 'comms.customer_faq.all_clear',
    name: 'All clear: customer FAQ',
    variables: COMMS_VARIABLES,
    purpose: 'The final prepared responses for Support.',
    subject: 'FAQ (resolved): {{incident.public_title}}',
    body: `Q: Is the incident resolved?\nA: Yes.\n\nQ: Do I need to do anything?\nA: \n\nQ: Where can I ask more?\nA: {{security.address}}\n`,
  },
  {
    key: 'comms.social_post.all_clear',
    name: 'All clear: social post',
    variables: COMMS_VARIABLES,
    purpose: 'A short closing post for Community Advocates.',
    subject: 'Social post (resolved): {{incident.public_title}}',
    body: `Resolved: {{incident.public_title}}. What we did: {{blog.url}}`,
  },
  {
    key: 'comms.status_page.all_clear',
    name: 'All clear: status page update',
    variables: COMMS_VARIABLES,
    purpose: 'The resolving status page update.',
    subject: '{{incident.public_title}}',
    body: `This incident is resolved. Thank you for your patience.`,
  },
  {
    key: 'comms.press_statement.all_clear',
    name: 'All clear: press statement',
    variables: COMMS_VARIABLES,
    purpose: 'The closing statement to the press contact.',
    subject: 'Statement (resolved): {{incident.public_title}}',
    body: `{{team.name}} has resolved {{incident.public_title}}. \n\nFor press enquiries: {{security.address}}`,
  },
];

/** Every template secdesk ships, seeded at start; admins edit them. */
export const DEFAULT_TEMPLATES: readonly TemplateDefinition[] = [...INBOX_TEMPLATES, ...COMMS_TEMPLATES, ...ALL_CLEAR_TEMPLATES];

const REPLY_KEY = /^reply\.[a-z0-9][a-z0-9-]{0,60}$/;

/** The definition a key names: one of the defaults, or a further reply template. */
export function definitionOf(key: string): Pick<TemplateDefinition, 'key' | 'variables'> | null {
  const known = DEFAULT_TEMPLATES.find((t) => t.key === key);
  if (known) return known;
  return REPLY_KEY.test(key) ? { key, variables: COMMON } : null;
}

export const isReplyTemplate = (key: string): boolean => REPLY_KEY.test(key);
