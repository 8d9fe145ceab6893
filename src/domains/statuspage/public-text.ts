// Public text: the only text the status page (its HTML, feeds, JSON, badge, private pages, static
// export and subscriber notifications) may show about an incident. It is written for outsiders —
// a status page incident's explicit public title, an update's body, or an approved communication's
// subject and body — and never taken from the secdesk incident (its internal title, description,
// facts and responders). The brand makes the compiler hold the line: a plain string is not public text.
import { ValidationError } from '../errors.ts';
import { STATUS_UPDATE_BODY_MAX } from '../limits.ts';

const MAX_TITLE = 200;

export function checkedBody(body: string): string {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new ValidationError('an update needs a body');
  if (text.length > STATUS_UPDATE_BODY_MAX) throw new ValidationError(`an update body has at most ${STATUS_UPDATE_BODY_MAX} characters`);
  return text;
}

export function checkedTitle(title: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_TITLE) throw new ValidationError(`a public title needs 1 to ${MAX_TITLE} characters`);
  return text;
}

declare const brand: unique symbol;
export type PublicString = string & { readonly [brand]: 'public text' };

/** What one incident update puts on the public page. Title null: the status page incident keeps its public title. */
export interface PublicIncidentText {
  readonly title: PublicString | null;
  readonly body: PublicString;
}

/** A public title typed by the person publishing (the API's `title`, a maintenance's title). */
export function publicTitle(title: string): PublicString {
  return checkedTitle(title) as PublicString;
}

/** An update's body typed by the person publishing. */
export function publicBody(body: string): PublicString {
  return checkedBody(body) as PublicString;
}

/** Text typed on the status page: the title is needed only while the status page incident has none. */
export function publicIncidentText(input: { title?: string | null | undefined; body: string }): PublicIncidentText {
  return { title: input.title == null ? null : publicTitle(input.title), body: publicBody(input.body) };
}

/** An approved communication's text: its subject is the public title, its body the update. */
export function approvedCommunicationText(version: { subject: string; body: string }): PublicIncidentText {
  if (!version.subject.trim()) throw new ValidationError('the status page update needs a subject: it is the public title');
  return { title: publicTitle(version.subject), body: publicBody(version.body) };
}

/** Text read back from the status page's own tables, which only the constructors above write. */
export function storedPublicText(text: string): PublicString {
  return text as PublicString;
}

export const PUBLIC_TITLE_REQUIRED =
  "title: a status page incident needs a public title when it is first published (the incident's internal title is never shown publicly)";
