// Distribution lists: import (CSV stream or a configured JSON Lines source), counts, the invalid-rows
// report, suppressions, and export for teams that send from Mailchimp or Marketo.
import type { Readable } from 'node:stream';
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { checkAddress } from './addresses.ts';
import { readCsvContacts, readJsonLinesContacts, readRowContacts, type ContactItem } from './contacts.ts';
import type { FanoutStore } from './fanout.ports.ts';
import type { Audience, Contact, ContactReject, DistributionList, ListCounts, SuppressionReason } from './fanout.types.ts';

const BATCH = 1000;
const REJECTS_KEPT = 10_000;
export const EXPORT_FORMATS = ['mailchimp', 'marketo'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Fetches a contact source's body as a stream (the HTTP adapter refuses private addresses unless allowed). */
export type ContactSourceFetcher = (url: string) => Promise<Readable>;

/** The SQL list sources an admin configured: a fixed query against a read replica, run read-only. */
export interface ContactQuerySources {
  /** The configured names (never the connection details). */
  names(): string[];
  /** The named source's rows, streamed in pages. */
  rows(name: string): AsyncIterable<Record<string, unknown>[]>;
}

export interface ImportResult {
  list: DistributionList;
  rejects: ContactReject[];
}

export class ListsService {
  readonly #store: Transactor<FanoutStore>;
  readonly #fetchSource: ContactSourceFetcher;
  readonly #querySources: ContactQuerySources;

  constructor(deps: { store: Transactor<FanoutStore>; fetchSource: ContactSourceFetcher; querySources: ContactQuerySources }) {
    this.#store = deps.store;
    this.#fetchSource = deps.fetchSource;
    this.#querySources = deps.querySources;
  }

  importCsv(ctx: ActionContext, input: { name: string; csv: Readable; audience: Audience | null }): Promise<ImportResult> {
    authorize(ctx.actor, 'comms.send');
    return this.#import(ctx, input.name, 'csv', readCsvContacts(input.csv, input.audience));
  }

  async importFromSource(ctx: ActionContext, input: { name: string; url: string; audience: Audience | null }): Promise<ImportResult> {
    authorize(ctx.actor, 'comms.send');
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new ValidationError('the source must be an http(s) URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('the source must be an http(s) URL');
    const body = await this.#fetchSource(url.href);
    return this.#import(ctx, input.name, `json-lines ${url.origin}${url.pathname}`, readJsonLinesContacts(body, input.audience));
  }

  /** A list from a configured SQL source: the query is the admin's, the caller only names the source. */
  importFromQuery(ctx: ActionContext, input: { name: string; source: string; audience: Audience | null }): Promise<ImportResult> {
    authorize(ctx.actor, 'comms.send');
    if (!this.#querySources.names().includes(input.source)) throw new NotFoundError(`list source ${JSON.stringify(input.source.slice(0, 64))}`);
    return this.#import(ctx, input.name, `sql ${input.source}`, readRowContacts(this.#querySources.rows(input.source), input.audience));
  }

  /** The configured SQL list sources, by name. */
  sourceNames(ctx: ActionContext): string[] {
    authorize(ctx.actor, 'comms.send');
    return this.#querySources.names();
  }

  async #import(ctx: ActionContext, name: string, source: string, items: AsyncIterable<ContactItem>): Promise<ImportResult> {
    const title = name.trim();
    if (!title || title.length > 200) throw new ValidationError('a list needs a name of 1 to 200 characters');
    const listId = await this.#store.transaction(async (s) => {
      const id = await s.fanout.createList({ name: title, source, createdBy: ctx.actor.label });
      await s.audit.append(ctx, { action: 'distribution_list.import_started', entityType: 'distribution_list', entityId: id, after: { name: title, source } });
      return id;
    });
    const counts = { rows: 0, members: 0, invalid: 0, duplicates: 0 };
    // The list's own columns, in the order they first appear (a JSON Lines record may lack some).
    const columns = new Set<string>();
    const reportSample: ContactReject[] = [];
    let contacts: Contact[] = [];
    let rejects: ContactReject[] = [];
    let optOuts: string[] = [];
    const fanout = this.#store.read.fanout;
    const flush = async () => {
      const inserted = await fanout.insertMembers(listId, counts.rows - contacts.length, contacts);
      counts.members += inserted;
      counts.duplicates += contacts.length - inserted;
      await fanout.insertRejects(listId, rejects);
      await fanout.addSuppressions(optOuts.map((key) => ({ key, reason: 'opt_out' as const, detail: `list ${title}` })));
      contacts = [];
      rejects = [];
      optOuts = [];
    };
    try {
      for await (const item of items) {
        if ('contact' in item) {
          counts.rows++;
          contacts.push(item.contact);
          for (const name of Object.keys(item.contact.fields)) columns.add(name);
        } else {
          counts.invalid++;
          if (counts.invalid <= REJECTS_KEPT) rejects.push(item.reject);
          if (reportSample.length < 100) reportSample.push(item.reject);
          if (item.optOut) optOuts.push(item.optOut);
        }
        if (contacts.length >= BATCH || rejects.length >= BATCH) await flush();
      }
      await flush();
    } catch (err) {
      await fanout.deleteList(listId);
      throw new ValidationError(`the import stopped and nothing was kept: ${(err as Error).message}`);
    }
    await this.#store.transaction(async (s) => {
      await s.fanout.finishList(listId, { members: counts.members, invalid: counts.invalid, duplicates: counts.duplicates, columns: [...columns] });
      await s.audit.append(ctx, {
        action: 'distribution_list.imported',
        entityType: 'distribution_list',
        entityId: listId,
        after: { members: counts.members, invalid: counts.invalid, duplicates: counts.duplicates, columns: [...columns] },
      });
    });
    return { list: (await this.#store.read.fanout.listById(listId))!, rejects: reportSample };
  }

  async lists(ctx: ActionContext): Promise<DistributionList[]> {
    authorize(ctx.actor, 'comms.send');
    return this.#store.read.fanout.lists(200);
  }

  async get(ctx: ActionContext, id: string): Promise<DistributionList & { counts: ListCounts }> {
    authorize(ctx.actor, 'comms.send');
    const list = await this.#store.read.fanout.listById(id);
    if (!list) throw new NotFoundError('distribution list');
    return { ...list, counts: await this.#store.read.fanout.listCounts(id) };
  }

  async rejects(ctx: ActionContext, id: string): Promise<ContactReject[]> {
    await this.get(ctx, id);
    return this.#store.read.fanout.rejects(id, REJECTS_KEPT);
  }

  /** CSV lines for Mailchimp (users) or Marketo (customers) import; suppressed addresses are left out. */
  async export(ctx: ActionContext, id: string, format: ExportFormat, audience: Audience | null): Promise<AsyncIterable<string>> {
    await this.get(ctx, id);
    await this.#store.transaction((s) =>
      s.audit.append(ctx, { action: 'distribution_list.exported', entityType: 'distribution_list', entityId: id, after: { format, audience } }),
    );
    return exportCsv(this.#store.read.fanout.members(id, audience), format);
  }

  async suppress(ctx: ActionContext, input: { email: string; reason: SuppressionReason; detail: string }): Promise<void> {
    authorize(ctx.actor, 'comms.send');
    const checked = checkAddress(input.email);
    if (!checked.ok) throw new ValidationError(`invalid address: ${checked.reason}`);
    await this.#store.transaction(async (s) => {
      await s.fanout.addSuppressions([{ key: checked.key, reason: input.reason, detail: input.detail.slice(0, 500) }]);
      await s.audit.append(ctx, { action: 'suppression.added', entityType: 'suppression', entityId: checked.key, after: { reason: input.reason } });
    });
  }
}

const HEADERS: Record<ExportFormat, string[]> = {
  mailchimp: ['Email Address', 'First Name', 'Last Name'],
  marketo: ['Email Address', 'First Name', 'Last Name', 'Company Name'],
};

/** A CSV cell, quoted; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

async function* exportCsv(pages: AsyncIterable<Contact[]>, format: ExportFormat): AsyncGenerator<string> {
  yield HEADERS[format].map(csvCell).join(',') + '\r\n';
  for await (const page of pages) {
    yield page
      .map((c) => {
        const cells = [c.email, c.firstName, c.lastName, ...(format === 'marketo' ? [c.company] : [])];
        return cells.map(csvCell).join(',') + '\r\n';
      })
      .join('');
  }
}
