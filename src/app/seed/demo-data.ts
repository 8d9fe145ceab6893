// The demo data set: what a security team's inbox and incident board look like on an ordinary
// week. Times are hours before "now" so the demo always looks current.
import type { Disposition, MessageDirection, TicketStatus } from '../../domains/tickets/tickets.types.ts';

export interface DemoMessage {
  hoursAgo: number;
  direction: MessageDirection;
  from: string;
  body: string;
}

export interface DemoTicket {
  subject: string;
  requester: { email: string; name: string };
  organisation?: string;
  status: TicketStatus;
  disposition?: Disposition;
  tags: string[];
  /** SLA due time, hours from now (negative: already past). */
  dueInHours: number | null;
  messages: DemoMessage[];
}

export const SECURITY_ADDRESS = 'security@secdesk.example';

export const DEMO_TICKETS: DemoTicket[] = [
  {
    subject: 'Stored XSS in markdown preview of merge request descriptions',
    requester: { email: 'mira.kovac@protonmail.example', name: 'Mira Kovač' },
    status: 'new',
    tags: ['vulnerability'],
    dueInHours: 20,
    messages: [{
      hoursAgo: 4,
      direction: 'inbound',
      from: 'mira.kovac@protonmail.example',
      body: `Hello security team,

I found a stored cross-site scripting issue in the markdown preview of merge request descriptions.
A link written as [click](javascript&#58;alert(document.domain)) is rendered with the entity decoded,
so the href becomes a javascript: URL. Anyone who opens the merge request and clicks the link runs
script in the application's origin.

Steps to reproduce:
1. Create a merge request in any project you can write to.
2. Put the link above in the description and save.
3. Open the merge request as another user and click "click".

I have a short screen recording and a proof-of-concept project I can share privately.
I have not tested anything beyond my own test account.

Best regards,
Mira`,
    }],
  },
  {
    subject: 'Locked out after losing my phone (2FA)',
    requester: { email: 'd.okafor@gmail.example', name: 'Daniel Okafor' },
    status: 'new',
    tags: ['account'],
    dueInHours: 9,
    messages: [{
      hoursAgo: 15,
      direction: 'inbound',
      from: 'd.okafor@gmail.example',
      body: `Hi,

my phone was stolen on Saturday and with it my authenticator app. I can't find my recovery codes
either. I still know my password, but the site asks for the six-digit code every time.
My username is dokafor. Can you please turn off two-factor authentication on my account?

Thanks,
Daniel`,
    }],
  },
  {
    subject: 'DMCA takedown notice: copied course material in public repository',
    requester: { email: 'legal@northwind-learning.example', name: 'Northwind Learning Legal' },
    organisation: 'Northwind Learning',
    status: 'open',
    tags: ['copyright'],
    dueInHours: 3,
    messages: [{
      hoursAgo: 21,
      direction: 'inbound',
      from: 'legal@northwind-learning.example',
      body: `To whom it may concern,

We represent Northwind Learning Ltd. The repository at /jlee/nw-course-dump contains the complete
video transcripts and exercise solutions of our paid course "Kubernetes in Production", copied
without permission. We request that the material be removed.

We have a good faith belief that the use described is not authorised by the copyright owner, its
agent, or the law. The information in this notice is accurate, and under penalty of perjury, we are
authorised to act on behalf of the owner.

Signed, A. Lindqvist, Counsel`,
    }],
  },
  {
    subject: 'Request for your SOC 2 Type 2 report',
    requester: { email: 'priya.raman@acme-fin.example', name: 'Priya Raman' },
    organisation: 'Acme Financial',
    status: 'pending',
    disposition: 'compliance_request',
    tags: ['compliance'],
    dueInHours: null,
    messages: [
      {
        hoursAgo: 52,
        direction: 'inbound',
        from: 'priya.raman@acme-fin.example',
        body: `Hello,

as part of our annual vendor review we need your most recent SOC 2 Type 2 report and the summary
of your latest penetration test. We are an Enterprise customer (account ACME-2231).

Kind regards,
Priya Raman
Vendor Risk, Acme Financial`,
      },
      {
        hoursAgo: 30,
        direction: 'outbound',
        from: SECURITY_ADDRESS,
        body: `Hello Priya,

thank you for your request. We have confirmed Acme Financial's customer status and queued the SOC 2
Type 2 report and the penetration test summary for you. Reports go out on Mondays and Thursdays;
you will receive a personal download link by email on the next delivery day.

Best regards,
The Security team`,
      },
    ],
  },
  {
    subject: 'Is customer data encrypted at rest?',
    requester: { email: 'tom.becker@brightlabs.example', name: 'Tom Becker' },
    organisation: 'Bright Labs',
    status: 'open',
    tags: ['question'],
    dueInHours: -2,
    messages: [
      {
        hoursAgo: 28,
        direction: 'inbound',
        from: 'tom.becker@brightlabs.example',
        body: `Hi team,

our auditors ask whether repositories and database backups are encrypted at rest, and with which
algorithm and key management. Could you point me to documentation I can forward?

Tom`,
      },
      {
        hoursAgo: 6,
        direction: 'note',
        from: 'analyst@secdesk.example',
        body: 'Asked Infrastructure for the current KMS key rotation period before answering; the public page still says 365 days.',
      },
    ],
  },
  {
    subject: 'Re: Suspicious sign-in notification I did not expect',
    requester: { email: 'lena.fischer@posteo.example', name: 'Lena Fischer' },
    status: 'solved',
    disposition: 'reply',
    tags: ['account', 'question'],
    dueInHours: null,
    messages: [
      {
        hoursAgo: 75,
        direction: 'inbound',
        from: 'lena.fischer@posteo.example',
        body: `Hello,

I received an email saying there was a new sign-in to my account from Frankfurt. I live in Hamburg
but I was travelling. Is this email genuine, or is it phishing? It asked me to review my sessions.`,
      },
      {
        hoursAgo: 70,
        direction: 'outbound',
        from: SECURITY_ADDRESS,
        body: `Hello Lena,

the notification is genuine: we send it when an account signs in from a new location. If you were
in Frankfurt at that time, no action is needed. Otherwise, change your password and review your
active sessions under Settings → Sessions. Reply to this email if anything looks wrong.

Best regards,
The Security team`,
      },
      {
        hoursAgo: 66,
        direction: 'inbound',
        from: 'lena.fischer@posteo.example',
        body: 'Thank you, that was me at the airport. All good!',
      },
    ],
  },
  {
    subject: 'Your domain ranking can be improved today!!!',
    requester: { email: 'growth@seo-rocket.example', name: 'SEO Rocket' },
    status: 'new',
    tags: [],
    dueInHours: 22,
    messages: [{
      hoursAgo: 2,
      direction: 'inbound',
      from: 'growth@seo-rocket.example',
      body: 'Dear Webmaster, we noticed your site is not on the first page for 37 keywords. Our guaranteed package fixes it in 7 days. Reply YES for a free audit.',
    }],
  },
  {
    subject: 'Exposed API key in public project pipeline logs',
    requester: { email: 'samir.haddad@fastmail.example', name: 'Samir Haddad' },
    status: 'open',
    disposition: 'engage',
    tags: ['vulnerability', 'incident'],
    dueInHours: 14,
    messages: [
      {
        hoursAgo: 10,
        direction: 'inbound',
        from: 'samir.haddad@fastmail.example',
        body: `Hi,

while debugging my own pipeline I noticed that job logs of several public projects print the
contents of masked CI variables when the job uses "set -x" in a multi-line script. I saw at least
two cloud API keys this way. I did not use them. Links to the job logs are below; please remove them.

Samir`,
      },
      {
        hoursAgo: 8,
        direction: 'outbound',
        from: SECURITY_ADDRESS,
        body: `Hello Samir,

thank you for telling us, and for not using the keys. Our Security Operations team is looking into
this now and we will update you as we learn more.

The Security team`,
      },
    ],
  },
];

export interface DemoIncident {
  title: string;
  description: string;
  type: string;
  impact: number;
  likelihood: number;
  status: 'investigating';
  declaredHoursAgo: number;
  timeline: { hoursAgo: number; kind: string; summary: string }[];
}

export const DEMO_INCIDENT: DemoIncident = {
  title: 'CI job logs exposed masked variables in public projects',
  description: `Masked CI/CD variables were printed in clear text in job logs when a job script enabled shell
tracing across a multi-line command. Job logs of public projects are readable by anyone, so tokens
and cloud credentials of some customers may have been exposed. Reported through the security inbox.`,
  type: 'data_breach',
  impact: 4,
  likelihood: 3,
  status: 'investigating',
  declaredHoursAgo: 7,
  timeline: [
    { hoursAgo: 6.5, kind: 'note', summary: 'Security Engineer On Call reproduced the leak on a test project; masking is skipped for traced multi-line commands.' },
    { hoursAgo: 5.5, kind: 'note', summary: 'Searched job logs of public projects from the last 90 days: 1,412 jobs match the pattern, 38 projects with credential-like strings.' },
    { hoursAgo: 4, kind: 'mitigation', summary: 'Hotfix deployed: masking now applies to traced output. Affected job logs hidden from public view.' },
    { hoursAgo: 2, kind: 'note', summary: 'Legal and the Communications Manager On Call engaged; customer notification draft started.' },
  ],
};

/** The public status page's components, and the demo incident's first published update. */
export const DEMO_STATUS_COMPONENTS = [
  { slug: 'web', name: 'Web application', group: 'Product' },
  { slug: 'api', name: 'API', group: 'Product' },
  { slug: 'ci', name: 'CI/CD pipelines', group: 'Product' },
  { slug: 'sign-in', name: 'Sign-in and SSO', group: 'Accounts' },
  { slug: 'notifications', name: 'Email notifications', group: 'Accounts' },
];
export const DEMO_STATUS_UPDATE = {
  title: 'CI job logs may show masked variables',
  componentSlugs: ['ci'],
  body: `We are investigating a problem that can print masked CI/CD variables in job logs when shell tracing is enabled.
As a precaution, we have hidden affected job logs in public projects. We will post an update within 4 hours.`,
};
