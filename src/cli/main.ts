// `secdesk` — the command line. Startup problems print one line and exit 1, never a stack trace.
import { existsSync, writeFileSync, createWriteStream, createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.ts';
import { DatabaseUnavailableError, openDatabase } from '../adapters/db/database.ts';
import { MigrationError, migrateToLatest } from '../adapters/db/migrate.ts';
import { DomainError } from '../domains/errors.ts';
import { createApp, type App } from '../app/app.ts';
import { CLI_CONTEXT, serve } from '../app/serve.ts';
import { isClusterWorker, startPrimary, startWorker, workerCount } from '../app/cluster.ts';
import { seedDemo } from '../app/seed/demo.ts';
import { importMail } from '../adapters/mail/import.ts';
import { ROLES } from '../authz/roles.ts';
import { triageCommands } from './triage.ts';
import { statusCommands } from './status.ts';
import { TriageFileError } from '../adapters/triage/model-file.ts';
import { ForbiddenError } from '../authz/authorize.ts';
import { actorFor } from '../domains/accounts/accounts.service.ts';
import type { PlanFacts } from '../domains/incidents/incidents.types.ts';
import { describeProblem } from '../domains/audit/audit-anchor.ts';
import { isAudience } from '../domains/fanout/contacts.ts';
import type { SendProgress } from '../domains/fanout/fanout.types.ts';
import { CHANNELS, SOCIAL_NETWORKS, STATUS_PAGE_STATUSES, type SocialNetwork, type StatusPageStatus } from '../domains/communications/communications.types.ts';

const EXPECTED = [ConfigError, DatabaseUnavailableError, MigrationError, DomainError, TriageFileError, ForbiddenError];

function fail(err: unknown): never {
  const expected = EXPECTED.some((kind) => err instanceof kind);
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`secdesk: ${expected ? message : `unexpected error: ${message}`}\n`);
  if (!expected && process.env.SECDESK_DEBUG) console.error(err);
  process.exit(1);
}

/** Runs a command against the app without starting HTTP or job workers. */
async function withApp<T>(work: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig({ ...process.env, SECDESK_LOG_LEVEL: process.env.SECDESK_LOG_LEVEL ?? 'warn' }), { workers: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

const program = new Command('secdesk')
  .description('A self-hostable security desk: the security inbox and security incident communications.')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the web server, API and job workers')
  .option('--workers <n>', 'run N processes sharing the port (node:cluster; PostgreSQL only), or auto for one per core')
  .action(async (options: { workers?: string }) => {
    const config = loadConfig();
    const worker = isClusterWorker();
    const count = options.workers && !worker ? workerCount(options.workers) : 1;
    const server = worker ? await startWorker(config) : count > 1 ? await startPrimary(config, count) : await serve(config);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) process.exit(1); // a second signal: leave now
      stopping = true;
      if (!worker) process.stdout.write(`secdesk: ${signal} received, finishing in-flight work…\n`);
      await server.stop();
      process.exit(0);
    };
    // A worker stops when its primary says so (SIGTERM), not on the terminal's Ctrl-C sent to the whole group.
    process.on('SIGINT', () => void (worker ? undefined : stop('SIGINT')));
    process.on('SIGTERM', () => void stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.SECDESK_DATA_DIR });
    try {
      const results = await migrateToLatest(database);
      console.log(results.length ? results.map((r) => `applied ${r.migrationName}`).join('\n') : 'database is up to date');
    } finally {
      await database.close();
    }
  });

const user = program.command('user').description('manage user accounts');
user
  .command('create')
  .description('create a user account')
  .requiredOption('--email <email>', 'email address (sign-in name)')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role...>', `one or more of: ${ROLES.join(', ')}`)
  .option('--password <password>', 'initial password (at least 12 characters); generated and printed when omitted')
  .action(async (options: { email: string; name: string; role: string[]; password?: string }) => {
    const created = await withApp((app) =>
      app.services.users.create(CLI_CONTEXT, { email: options.email, name: options.name, roles: options.role, password: options.password }),
    );
    console.log(`created ${created.user.email} (${created.user.roles.join(', ')})`);
    if (created.initialPassword) console.log(`initial password: ${created.initialPassword}`);
  });

const audit = program.command('audit').description('the hash-chained audit log');
audit
  .command('verify')
  .description('check that no audit entry was edited, deleted, relinked or cut off the end (against the newest signed checkpoint), then write a checkpoint')
  .action(async () => {
    const result = await withApp((app) => app.services.auditAnchor.verify());
    if (result.problem) {
      console.log(describeProblem(result.problem));
      process.exit(1);
    }
    console.log(result.head ? `audit log intact: ${result.entries} entries, head #${result.head.seq} ${result.head.hash}` : 'audit log intact: 0 entries');
    console.log(
      result.checkpoint
        ? `matches the newest checkpoint: #${result.checkpoint.seq} of ${result.checkpoint.at} (key ${result.checkpoint.keyId})`
        : 'no earlier checkpoint on this host',
    );
    if (result.anchored) console.log(`checkpoint written: #${result.anchored.seq}`);
    for (const warning of result.warnings ?? []) console.log(`warning: ${warning}`);
  });
audit
  .command('export')
  .description('write the audit log as JSON Lines, oldest first')
  .option('--out <file>', 'file to write (default: standard output)')
  .action(async (options: { out?: string }) => {
    if (options.out) writeFileSync(options.out, '');
    const out = options.out ? createWriteStream(options.out) : process.stdout;
    await withApp(async (app) => {
      for await (const entry of app.store.read.auditLog.entries()) {
        if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
      }
    });
    if (options.out) await new Promise<void>((resolve) => out.end(() => resolve()));
  });

const inbox = program.command('inbox').description('the security inbox');
inbox
  .command('import')
  .description('import mail: a .eml file, a directory of .eml files, or an mbox file')
  .argument('<path>', 'file or directory')
  .action(async (target: string) => {
    if (!existsSync(target)) throw new DomainError('not_found', `no such file or directory: ${target}`);
    const summary = await withApp((app) => importMail(target, app.services.mailIntake));
    console.log(`imported: ${summary.created} new tickets, ${summary.appended} added to existing tickets, ${summary.duplicate} duplicates skipped`);
  });

/** `data_breach` or `dataBreach` sets a yes/no fact; `users_impacted=some` sets how many users. */
function factsOf(words: string[]): Partial<PlanFacts> {
  const facts: Record<string, unknown> = {};
  for (const word of words) {
    const [name, value] = word.split('=', 2) as [string, string | undefined];
    const camel = name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    facts[camel] = value === undefined ? true : camel === 'usersImpacted' ? value : value === 'true' ? true : value === 'false' ? false : value;
  }
  return facts as Partial<PlanFacts>;
}

const incident = program.command('incident').description('security incidents');
incident
  .command('declare')
  .description('declare an incident as a named user (audited); the Security Engineer On Call is filled from the rotation and paged')
  .requiredOption('--title <title>', 'what happened, in a line')
  .requiredOption('--type <type>', 'an incident type id (data_breach, rce, account_takeover, abuse, policy_violation, other, …)')
  .requiredOption('--impact <n>', 'impact 1 to 5', Number)
  .requiredOption('--likelihood <n>', 'likelihood 1 to 5', Number)
  .requiredOption('--as <email>', 'the secdesk user declaring (needs incidents.write)')
  .option('--description <text>', 'more detail', '')
  .option('--restricted', 'visible only to its responders and admins')
  .option('--fact <fact...>', 'facts established, e.g. data_breach personal_data_exposed users_impacted=some')
  .action(
    async (options: {
      title: string;
      type: string;
      impact: number;
      likelihood: number;
      as: string;
      description: string;
      restricted?: boolean;
      fact?: string[];
    }) => {
      const declared = await withApp(async (app) => {
        const user = await app.store.read.users.byEmail(options.as.trim().toLowerCase());
        if (!user || user.disabled) throw new DomainError('not_found', `no active user ${options.as}`);
        return app.services.incidents.declare(
          { actor: { ...actorFor(user), label: `${user.email} (cli)` } },
          {
            title: options.title,
            description: options.description,
            type: options.type,
            impact: options.impact,
            likelihood: options.likelihood,
            visibility: options.restricted ? 'restricted' : 'normal',
            facts: factsOf(options.fact ?? []),
          },
        );
      });
      console.log(`declared incident #${declared.number}: ${declared.title} (risk ${declared.risk.label}, ${declared.visibility})`);
      for (const role of declared.roles.filter((r) => r.since))
        console.log(role.name ? `paged ${role.label}: ${role.name}` : `${role.label}: unfilled, nobody is on call`);
    },
  );

const seed = program.command('seed').description('load data sets');
seed
  .command('demo')
  .description('add the demo inbox and incident')
  .action(async () => {
    const result = await withApp((app) => seedDemo(app, { onlyIfEmpty: false }));
    console.log(`seeded ${result?.tickets ?? 0} tickets and ${result?.incidents ?? 0} incident`);
  });

triageCommands(program, withApp);
statusCommands(program, withApp);
const comms = program.command('comms').description("external communications: distribution lists, sends, and sending an incident's communications");

/** Runs a command with this process's job workers on, so it sends as well as watches. */
async function withWorkers<T>(work: (app: App) => Promise<T>): Promise<T> {
  const app = await createApp(loadConfig({ ...process.env, SECDESK_LOG_LEVEL: process.env.SECDESK_LOG_LEVEL ?? 'warn' }), { workers: true });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

function audienceOption(value: string | undefined) {
  if (value === undefined) return null;
  if (!isAudience(value)) throw new DomainError('invalid', `--audience is users or customers, got ${value}`);
  return value;
}

/** Prints progress every second until the send is done or cancelled. */
async function follow(app: App, sendId: string): Promise<SendProgress> {
  for (;;) {
    const p = await app.services.sends.progress(CLI_CONTEXT, sendId);
    console.log(
      `${p.status}${p.pauseReason ? ` (${p.pauseReason})` : ''}: sent ${p.sent}, failed ${p.failed}, pending ${p.pending + p.sending}, suppressed ${p.suppressed}, ${p.rate}/s${p.ambiguous ? `, ambiguous ${p.ambiguous} (see comms ambiguous)` : ''}`,
    );
    if (p.status === 'done' || p.status === 'cancelled') return p;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

comms
  .command('import')
  .description('import a distribution list from a CSV file (header row with an email column) or a configured SQL source (SECDESK_LIST_SOURCES)')
  .option('--file <csv>', 'CSV file')
  .option('--query <source>', 'name of a configured SQL list source')
  .requiredOption('--name <name>', 'list name')
  .option('--audience <audience>', 'users or customers, for rows without an audience column')
  .action(async (options: { file?: string; query?: string; name: string; audience?: string }) => {
    if ((options.file === undefined) === (options.query === undefined)) throw new DomainError('invalid', 'give one of --file <csv> or --query <source>');
    if (options.file !== undefined && !existsSync(options.file)) throw new DomainError('not_found', `no such file: ${options.file}`);
    const audience = audienceOption(options.audience);
    const result = await withApp((app) =>
      options.query !== undefined
        ? app.services.lists.importFromQuery(CLI_CONTEXT, { name: options.name, source: options.query, audience })
        : app.services.lists.importCsv(CLI_CONTEXT, { name: options.name, csv: createReadStream(options.file!), audience }),
    );
    console.log(`list ${result.list.id}: ${result.list.memberCount} members, ${result.list.invalidCount} rejected, ${result.list.duplicateCount} duplicates`);
    for (const r of result.rejects.slice(0, 20)) console.log(`  line ${r.line}: ${r.reason}`);
  });

interface SendCommandOptions {
  list?: string;
  subject?: string;
  bodyFile?: string;
  from?: string;
  testTo?: string[];
  audience?: string;
  listMail?: boolean;
  incident?: string;
  channel?: string;
  as?: string;
  round?: number;
  network?: string;
  status?: string;
  publishedUrl?: string;
}

comms
  .command('send')
  .description(
    'send to a list (first a test to the reviewers, then one message per member); or, with --incident, send an approved communication through its channel',
  )
  .option('--list <id>', 'distribution list id')
  .option('--subject <text>', 'subject ({{first_name}} etc. allowed)')
  .option('--body-file <file>', 'plain-text body ({{first_name}}, {{last_name}}, {{company}}, {{email}}, {{unsubscribe_url}})')
  .option('--from <address>', 'sender address')
  .option('--test-to <address...>', 'reviewers who get the test send first (with --incident: default the approver and the author)')
  .option('--audience <audience>', "users or customers (default: everyone on the list; with --incident: the attached list's customers)")
  .option('--list-mail', 'list mail: add one-click unsubscribe headers (RFC 8058)')
  .option('--incident <id>', "send this incident's communication (with --channel and --as)")
  .option('--channel <channel>', `the communication's channel: ${CHANNELS.join(', ')}`)
  .option('--as <email>', "the secdesk user sending (needs the channel's send role)")
  .option('--round <n>', 'the round (default: the latest with that channel)', Number)
  .option('--network <network>', `social post: ${SOCIAL_NETWORKS.join(', ')}`)
  .option('--status <status>', `status page: ${STATUS_PAGE_STATUSES.join(', ')}`)
  .option('--published-url <url>', 'blog post without a publish webhook: where it was published')
  .action(async (options: SendCommandOptions) => {
    if (options.incident) return sendCommunication(options);
    const { list, subject, bodyFile, from, testTo } = options;
    if (!list || !subject || !bodyFile || !from || !testTo?.length)
      throw new DomainError(
        'invalid',
        'a send to a list needs --list, --subject, --body-file, --from and --test-to (or --incident and --channel to send a communication)',
      );
    const body = readFileSync(bodyFile, 'utf8');
    await withWorkers(async (app) => {
      const send = await app.services.sends.create(CLI_CONTEXT, {
        listId: list,
        audience: audienceOption(options.audience),
        from,
        subject,
        body,
        listMail: options.listMail ?? false,
      });
      console.log(`send ${send.id}`);
      const test = await app.services.sends.testSend(CLI_CONTEXT, send.id, testTo);
      const tested = await follow(app, test.id);
      if (tested.sent === 0) throw new DomainError('conflict', 'the test send reached no reviewer; the real send was not started');
      await app.services.sends.start(CLI_CONTEXT, send.id);
      const done = await follow(app, send.id);
      if (done.failed) console.log(`${done.failed} recipients failed: see GET /api/sends/${send.id}/failures`);
    });
  });

/** `comms send --incident`: an approved communication through its channel, as a named user (audited). */
async function sendCommunication(options: SendCommandOptions): Promise<void> {
  const channel = options.channel;
  if (!channel || !(CHANNELS as readonly string[]).includes(channel)) throw new DomainError('invalid', `--channel is one of ${CHANNELS.join(', ')}`);
  if (!options.as) throw new DomainError('invalid', '--as <email> names the user sending (separation of duties needs a person)');
  if (options.network && !(SOCIAL_NETWORKS as readonly string[]).includes(options.network))
    throw new DomainError('invalid', `--network is one of ${SOCIAL_NETWORKS.join(', ')}`);
  if (options.status && !(STATUS_PAGE_STATUSES as readonly string[]).includes(options.status))
    throw new DomainError('invalid', `--status is one of ${STATUS_PAGE_STATUSES.join(', ')}`);
  await withWorkers(async (app) => {
    const user = await app.store.read.users.byEmail(options.as!.trim().toLowerCase());
    if (!user || user.disabled) throw new DomainError('not_found', `no active user ${options.as}`);
    const ctx = { actor: { ...actorFor(user), label: `${user.email} (cli)` } };
    const incidentId = options.incident!;
    const candidates = (await app.services.communications.list(ctx, incidentId)).filter(
      (c) => c.channel === channel && (options.round === undefined || c.round === options.round),
    );
    const found = candidates.at(-1);
    if (!found) throw new DomainError('not_found', `no ${channel} communication on this incident${options.round ? ` in round ${options.round}` : ''}`);
    const ref = { incidentId, id: found.id };
    let current = await app.services.communications.get(ctx, ref);
    if (current.status === 'approved' && (channel === 'customer_email' || channel === 'security_alert')) {
      current = await app.services.commsSending.testSend(ctx, ref, { reviewers: options.testTo ?? null, audience: audienceOption(options.audience) });
      console.log(`test send ${current.testSendId} to the reviewers`);
    }
    if (current.testSendId && current.status === 'testing') {
      const tested = await follow(app, current.testSendId);
      if (tested.sent === 0) throw new DomainError('conflict', 'the test send reached no reviewer; the communication was not sent');
    }
    const sent = await app.services.commsSending.send(ctx, ref, {
      audience: audienceOption(options.audience) ?? undefined,
      network: options.network as SocialNetwork | undefined,
      status: options.status as StatusPageStatus | undefined,
      publishedUrl: options.publishedUrl,
    });
    console.log(`sent ${channel} (round ${sent.round}), version ${sent.sent?.version} approved by ${sent.sent?.approver}, content ${sent.sent?.contentHash}`);
    if (sent.sendId) {
      const done = await follow(app, sent.sendId);
      if (done.failed) console.log(`${done.failed} recipients failed: see GET /api/sends/${sent.sendId}/failures`);
    }
  });
}

comms
  .command('resume')
  .description('work on a send (after a restart, or a manual pause) and print progress until done')
  .argument('<sendId>', 'send id')
  .action(async (sendId: string) => {
    await withWorkers(async (app) => {
      const send = await app.services.sends.get(CLI_CONTEXT, sendId);
      if (send.status === 'paused') await app.services.sends.resume(CLI_CONTEXT, sendId);
      await follow(app, sendId);
    });
  });

comms
  .command('ambiguous')
  .description('list the recipients whose delivery is unknown after a crash, one JSON object a line (seq, email, messageId)')
  .argument('<sendId>', 'send id')
  .action(async (sendId: string) => {
    const rows = await withApp((app) => app.services.sends.ambiguous(CLI_CONTEXT, sendId));
    for (const r of rows) console.log(JSON.stringify(r));
  });

comms
  .command('resend-ambiguous')
  .description('send the ambiguous recipients their message again (same Message-ID; audited) and print progress until done')
  .argument('<sendId>', 'send id')
  .action(async (sendId: string) => {
    await withWorkers(async (app) => {
      const { resent } = await app.services.sends.resendAmbiguous(CLI_CONTEXT, sendId);
      for (const r of resent) console.log(`re-sending ${r.email} ${r.messageId}`);
      await follow(app, sendId);
    });
  });

comms
  .command('progress')
  .description("print a send's progress once")
  .argument('<sendId>', 'send id')
  .action(async (sendId: string) => {
    const p = await withApp((app) => app.services.sends.progress(CLI_CONTEXT, sendId));
    console.log(JSON.stringify(p));
  });

program.parseAsync(process.argv).catch(fail);
