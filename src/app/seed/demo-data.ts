// The demo data set: the people of a security team, their on-call rotations, a customer directory,
// and an ordinary week in the security inbox with one incident. demo.ts plays it through the
// product's services; nothing here is a stored row. Times are hours before the moment of seeding.
import type { Role } from '../../authz/roles.ts';
import type { OnCallRole } from '../../domains/oncall/oncall-roles.ts';

/** The team's own mail domain (reserved: mail to it is never delivered anywhere). */
export const DEMO_DOMAIN = 'secdesk.example';

export interface DemoPerson {
  key: 'dana' | 'alex' | 'jordan' | 'morgan' | 'casey' | 'riley' | 'sam' | 'avery' | 'quinn';
  name: string;
  roles: Role[];
}

/** Accounts get a random password that is never shown: sign in as the first admin, who may reset them. */
export const DEMO_PEOPLE: DemoPerson[] = [
  { key: 'dana', name: 'Dana Whitfield', roles: ['security_analyst'] },
  { key: 'alex', name: 'Alex Chen', roles: ['security_engineer'] },
  { key: 'jordan', name: 'Jordan Blake', roles: ['security_engineer'] },
  { key: 'morgan', name: 'Morgan Lee', roles: ['incident_manager'] },
  { key: 'casey', name: 'Casey Diaz', roles: ['incident_manager'] },
  { key: 'riley', name: 'Riley Park', roles: ['communications_manager'] },
  { key: 'sam', name: 'Sam Ortiz', roles: ['communications_manager'] },
  // The plan's extended teams: Marketing Programs sends the customer email, Support answers from the FAQ.
  { key: 'avery', name: 'Avery Brooks', roles: ['marketing'] },
  { key: 'quinn', name: 'Quinn Foster', roles: ['support'] },
];

export const demoEmail = (person: DemoPerson): string => `${person.name.toLowerCase().replace(/\s+/g, '.')}@${DEMO_DOMAIN}`;

/** One rotation per role of the plan: weekly hand-over on Monday morning in the team's time zone. */
export const DEMO_ROTATIONS: { role: OnCallRole; name: string; people: DemoPerson['key'][] }[] = [
  { role: 'security_engineer', name: 'Security engineers', people: ['alex', 'jordan'] },
  { role: 'incident_manager', name: 'Incident managers', people: ['morgan', 'casey'] },
  { role: 'communications_manager', name: 'Communications', people: ['riley', 'sam'] },
];
export const DEMO_HAND_OVER = { kind: 'weekly', weekday: 1, time: '09:00' } as const;

/** The team engaged by the exposed-key ticket (shipped by the migrations; the seed fills in who owns it). */
export const DEMO_TEAM = { name: 'Security Operations', owner: 'alex', notifyAddress: `secops@${DEMO_DOMAIN}`, cadenceHours: 24 } as const;

/**
 * Who each stakeholder group of the plan is, and where the demo team (no chat yet) sends its updates:
 * by mail, so the hourly updates in the story reach the groups they are due to.
 */
export const DEMO_STAKEHOLDERS: Record<string, { name: string; email: string }> = {
  'sr-director-of-security': { name: 'Robin Hale', email: `robin.hale@${DEMO_DOMAIN}` },
  'e-group': { name: 'Executive group', email: `e-group@${DEMO_DOMAIN}` },
  'corporate-marketing-and-pr': { name: 'Corporate Marketing and PR', email: `press-team@${DEMO_DOMAIN}` },
  legal: { name: 'Legal', email: `legal@${DEMO_DOMAIN}` },
};

export const DEMO_CUSTOMERS_CSV = `name,account_id,email_domains,soc2,pentest,nda_on_file
Acme Financial,ACME-2231,acme-fin.example,yes,yes,yes
Bright Labs,BRL-0412,brightlabs.example,yes,no,no
Northwind Learning,NWL-0077,northwind-learning.example,yes,no,no
`;

export interface DemoMail {
  from: { address: string; name: string };
  subject: string;
  body: string;
}

const mira = { address: 'mira.kovac@protonmail.example', name: 'Mira Kovač' };
const daniel = { address: 'd.okafor@gmail.example', name: 'Daniel Okafor' };
const northwind = { address: 'legal@northwind-learning.example', name: 'Northwind Learning Legal' };
const priya = { address: 'priya.raman@acme-fin.example', name: 'Priya Raman' };
const tom = { address: 'tom.becker@brightlabs.example', name: 'Tom Becker' };
const lena = { address: 'lena.fischer@posteo.example', name: 'Lena Fischer' };
const seo = { address: 'growth@seo-rocket.example', name: 'SEO Rocket' };
const samir = { address: 'samir.haddad@fastmail.example', name: 'Samir Haddad' };

export const DEMO_MAIL = {
  xss: {
    from: mira,
    subject: 'Stored XSS in markdown preview of merge request descriptions',
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
  },
  lockout: {
    from: daniel,
    subject: 'Locked out after losing my phone (2FA)',
    body: `Hi,

my phone was stolen on Saturday and with it my authenticator app. I can't find my recovery codes
either. I still know my password, but the site asks for the six-digit code every time.
My username is dokafor. Can you please turn off two-factor authentication on my account?

Thanks,
Daniel`,
  },
  dmca: {
    from: northwind,
    subject: 'DMCA takedown notice: copied course material in public repository',
    body: `To whom it may concern,

We represent Northwind Learning Ltd. The repository at /jlee/nw-course-dump contains the complete
video transcripts and exercise solutions of our paid course "Kubernetes in Production", copied
without permission. We request that the material be removed.

We have a good faith belief that the use described is not authorised by the copyright owner, its
agent, or the law. The information in this notice is accurate, and under penalty of perjury, we are
authorised to act on behalf of the owner.

Signed, A. Lindqvist, Counsel`,
  },
  soc2: {
    from: priya,
    subject: 'Request for your SOC 2 Type 2 report',
    body: `Hello,

as part of our annual vendor review we need your most recent SOC 2 Type 2 report and the summary
of your latest penetration test. We are an Enterprise customer (account ACME-2231).

Kind regards,
Priya Raman
Vendor Risk, Acme Financial`,
  },
  encryption: {
    from: tom,
    subject: 'Is customer data encrypted at rest?',
    body: `Hi team,

our auditors ask whether repositories and database backups are encrypted at rest, and with which
algorithm and key management. Could you point me to documentation I can forward?

Tom`,
  },
  signIn: {
    from: lena,
    subject: 'Suspicious sign-in notification I did not expect',
    body: `Hello,

I received an email saying there was a new sign-in to my account from Frankfurt. I live in Hamburg
but I was travelling. Is this email genuine, or is it phishing? It asked me to review my sessions.`,
  },
  signInThanks: { from: lena, subject: '', body: 'Thank you, that was me at the airport. All good!' },
  spam: {
    from: seo,
    subject: 'Your domain ranking can be improved today!!!',
    body: 'Dear Webmaster, we noticed your site is not on the first page for 37 keywords. Our guaranteed package fixes it in 7 days. Reply YES for a free audit.',
  },
  apiKey: {
    from: samir,
    subject: 'Exposed API key in public project pipeline logs',
    body: `Hi,

while debugging my own pipeline I noticed that job logs of several public projects print the
contents of masked CI variables when the job uses "set -x" in a multi-line script. I saw at least
two cloud API keys this way. I did not use them. Links to the job logs are below; please remove them.

Samir`,
  },
} satisfies Record<string, DemoMail>;

export const DEMO_SIGN_IN_REPLY = `Hello Lena,

the notification is genuine: we send it when an account signs in from a new location. If you were
in Frankfurt at that time, no action is needed. Otherwise, change your password and review your
active sessions under Settings → Sessions. Reply to this email if anything looks wrong.

Best regards,
The Security team`;

export const DEMO_ENCRYPTION_NOTE = 'Asked Infrastructure for the current KMS key rotation period before answering; the public page still says 365 days.';

export const DEMO_ENGAGE_QUESTION = `Masked CI variables appear in clear text in public job logs when a job traces a multi-line script ("set -x").
Please confirm, hide the affected logs and tell us which projects and credentials are exposed.`;

export const DEMO_INCIDENT = {
  title: 'CI job logs exposed masked variables in public projects',
  description: `Masked CI/CD variables were printed in clear text in job logs when a job script enabled shell
tracing across a multi-line command. Job logs of public projects are readable by anyone, so tokens
and cloud credentials of some customers may have been exposed. Reported through the security inbox.`,
  type: 'data_breach',
  impact: 4,
  likelihood: 3,
  facts: { dataBreach: true, usersImpacted: 'some' as const },
  /** Notes on the timeline, by the holder of the named role. */
  notes: [
    { hoursAgo: 6.5, by: 'security_engineer', text: 'Reproduced the leak on a test project; masking is skipped for traced multi-line commands.' },
    {
      hoursAgo: 5.5,
      by: 'security_engineer',
      text: 'Searched job logs of public projects from the last 90 days: 1,412 jobs match the pattern, 38 projects with credential-like strings.',
    },
    {
      hoursAgo: 4,
      by: 'security_engineer',
      text: 'Mitigation: hotfix deployed, masking now applies to traced output. Affected job logs hidden from public view.',
    },
    { hoursAgo: 2, by: 'incident_manager', text: 'Legal and the Communications Manager On Call engaged; customer notification draft started.' },
  ] satisfies { hoursAgo: number; by: OnCallRole; text: string }[],
};

/** The public status page's components, and the demo incident's first published update. */
export const DEMO_STATUS_COMPONENTS = [
  { slug: 'web', name: 'Web application', group: 'Product' },
  { slug: 'api', name: 'API', group: 'Product' },
  { slug: 'ci', name: 'CI/CD pipelines', group: 'Product' },
  { slug: 'sign-in', name: 'Sign-in and SSO', group: 'Accounts' },
  { slug: 'notifications', name: 'Email notifications', group: 'Accounts' },
];
/** The public title is the customers' words, not the internal incident title. */
export const DEMO_STATUS_UPDATE = {
  title: 'CI job logs may show masked variables',
  componentSlugs: ['ci'],
  body: `We are investigating a problem that can print masked CI/CD variables in job logs when shell tracing is enabled.
As a precaution, we have hidden affected job logs in public projects. We will post an update within 4 hours.`,
};
