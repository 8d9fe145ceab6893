// Which templates exist, what each is for, and which placeholders each may use. The defaults say
// what the security inbox process asks for, in secdesk's own words; the team edits them (every
// save is a new version). Reply templates beyond the generic one may be added under `reply.`.

/** Every placeholder a template can use, with what it stands for. */
export const VARIABLES = {
  'requester.name': 'the requester\'s name, or their address when the name is unknown',
  'requester.email': 'the requester\'s address',
  'requester.organisation': 'the requester\'s organisation (must be set on the ticket)',
  'ticket.number': 'the ticket number',
  'ticket.subject': 'the subject of the ticket',
  'team.name': 'the security team\'s name (SECDESK_TEAM_NAME)',
  'security.address': 'the security address (SECDESK_INBOX_ADDRESS)',
  'support.address': 'the Support team\'s address (SECDESK_SUPPORT_ADDRESS)',
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
} as const;
export type Variable = keyof typeof VARIABLES;

const COMMON: readonly Variable[] = ['requester.name', 'requester.email', 'requester.organisation', 'ticket.number', 'ticket.subject', 'team.name', 'security.address'];

export interface TemplateDefinition {
  key: string;
  name: string;
  purpose: string;
  variables: readonly Variable[];
  subject: string;
  body: string;
}

const THREAD_SUBJECT = 'Re: [secdesk #{{ticket.number}}] {{ticket.subject}}';

export const DEFAULT_TEMPLATES: readonly TemplateDefinition[] = [
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
    purpose: 'The note to the Support team that carries the requester\'s original message.',
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

const REPLY_KEY = /^reply\.[a-z0-9][a-z0-9-]{0,60}$/;

/** The definition a key names: one of the defaults, or a further reply template. */
export function definitionOf(key: string): Pick<TemplateDefinition, 'key' | 'variables'> | null {
  const known = DEFAULT_TEMPLATES.find((t) => t.key === key);
  if (known) return known;
  return REPLY_KEY.test(key) ? { key, variables: COMMON } : null;
}

export const isReplyTemplate = (key: string): boolean => REPLY_KEY.test(key);
