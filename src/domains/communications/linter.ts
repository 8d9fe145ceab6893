// The per-channel linter, run on request and required clean before approval. Every finding names its
// rule, where it stands (part, line, column, offset) and the text flagged. Pure: the caller passes the
// incident's internal facts and restricted responders.
import { PLACEHOLDERS } from '../fanout/personalise.ts';
import type { Channel, LintFinding, SocialNetwork } from './communications.types.ts';

export interface LintContext {
  /** Internal-only facts as they read in text (e.g. "an RCE has evidence of exploitation") and their placeholder names. */
  internalFacts: { name: string; sentence: string }[];
  /** Responders of a restricted incident: neither names nor addresses may appear in public content. */
  restrictedPeople: { name: string; email: string }[];
  /** The blog post's published URL, once published: a social post must carry it. */
  blogUrl: string | null;
  /** Per-recipient placeholders the fan-out fills in, fine in the email channels: the fixed ones and the columns of the list it goes to. */
  recipientPlaceholders: readonly string[];
}

export const EMPTY_LINT_CONTEXT: LintContext = { internalFacts: [], restrictedPeople: [], blogUrl: null, recipientPlaceholders: PLACEHOLDERS };

/** Characters allowed per social network; URLs count as `url` characters where the network shortens them. */
export const SOCIAL_LIMITS: Record<SocialNetwork, { max: number; url: number | null }> = {
  x: { max: 280, url: 23 },
  mastodon: { max: 500, url: 23 },
  bluesky: { max: 300, url: null },
  linkedin: { max: 3000, url: null },
  facebook: { max: 63_206, url: null },
};

const PLAIN_TEXT_CHANNELS: readonly Channel[] = ['customer_email', 'security_alert'];
const TRACKING_PARAM =
  /^(utm_[a-z_]+|mc_[ce]id|_hsenc|_hsmi|__hs[a-z]{2}|hsctatracking|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|mkt_tok|yclid|igshid|twclid|li_fat_id|ttclid|wickedid|_ga|_gl|oly_enc_id|oly_anon_id|vero_id|vero_conv|rb_clickid|s_cid|ef_id|trk|trkcampaign|sc_cid|mbid|_bta_tid|_bta_c)$/i;
const REDIRECTORS = [
  'bit.ly',
  'bitly.com',
  't.co',
  'tinyurl.com',
  'ow.ly',
  'goo.gl',
  'buff.ly',
  'lnkd.in',
  'rebrand.ly',
  'is.gd',
  'cutt.ly',
  'shorturl.at',
  't.ly',
  'tiny.cc',
  'bl.ink',
  'rb.gy',
  's.id',
  'v.gd',
  'trib.al',
  'dlvr.it',
  'mailchi.mp',
  'list-manage.com',
  'hubspotlinks.com',
  'hs-sites.com',
  'sendgrid.net',
  'mandrillapp.com',
  'mktoweb.com',
  'mkt.com',
  'l.facebook.com',
  'lm.facebook.com',
  'safelinks.protection.outlook.com',
  'urldefense.com',
  'urldefense.proofpoint.com',
  'click.pstmrk.it',
  'mjt.lu',
];
const URL = /\bhttps?:\/\/[^\s<>"'`)\]]+/gi;
const BARE_SHORT_LINK = new RegExp(`(?<![\\w./@-])(?:${REDIRECTORS.map((h) => h.replace(/\./g, '\\.')).join('|')})/[^\\s<>"'\`)\\]]+`, 'gi');
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi;
const PLACEHOLDER = /\{\{[^{}]{0,80}\}\}/g;

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

function isRedirector(url: globalThis.URL): boolean {
  const h = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((h === 'google.com' || h === 'www.google.com') && url.pathname === '/url') return true;
  return REDIRECTORS.some((r) => h === r || h.endsWith(`.${r}`));
}

type Emit = (rule: string, index: number, text: string, message: string) => void;

function lintLinks(text: string, emit: Emit): void {
  for (const m of text.matchAll(URL)) {
    const raw = m[0].replace(/[.,;:!?]+$/, '');
    let url: globalThis.URL;
    try {
      url = new globalThis.URL(raw);
    } catch {
      continue;
    }
    if (isRedirector(url)) emit('tracking-redirector', m.index, raw, `${url.hostname} is a redirector or URL shortener: link to the destination itself`);
    for (const key of url.searchParams.keys()) {
      if (TRACKING_PARAM.test(key)) emit('tracking-parameter', m.index + raw.indexOf(key), key, `tracking parameter "${key}": remove it`);
    }
  }
  for (const m of text.matchAll(BARE_SHORT_LINK)) emit('tracking-redirector', m.index, m[0], 'a URL shortener link: link to the destination itself');
}

/** The length a network counts (URLs shortened where it shortens them). */
export function socialLength(text: string, network: SocialNetwork): number {
  const { url } = SOCIAL_LIMITS[network];
  const chars = (s: string) => [...s].length;
  if (url === null) return chars(text);
  let length = 0;
  let from = 0;
  for (const m of text.matchAll(URL)) {
    length += chars(text.slice(from, m.index)) + url;
    from = m.index + m[0].length;
  }
  return length + chars(text.slice(from));
}

function lintSocial(text: string, context: LintContext, emit: Emit): void {
  for (const network of Object.keys(SOCIAL_LIMITS) as SocialNetwork[]) {
    const length = socialLength(text, network);
    const { max } = SOCIAL_LIMITS[network];
    if (length > max)
      emit(
        'social-length',
        0,
        text.slice(0, 40),
        `${length} characters: ${network} allows ${max}${SOCIAL_LIMITS[network].url ? ` (a URL counts as ${SOCIAL_LIMITS[network].url})` : ''}`,
      );
  }
  if (context.blogUrl && !text.includes(context.blogUrl)) emit('blog-link', 0, '', `the blog post is published: link it (${context.blogUrl})`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lintInternal(text: string, context: LintContext, emit: Emit, email: boolean): void {
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[0].slice(2, -2).trim();
    if (email && context.recipientPlaceholders.includes(name)) continue;
    const internal = context.internalFacts.find((f) => `fact.${f.name}` === name);
    if (internal) emit('internal-fact', m.index, m[0], `${internal.name} is an internal-only fact`);
    else if (email)
      emit(
        'unfilled-placeholder',
        m.index,
        m[0],
        `unknown placeholder: each recipient's mail can use ${context.recipientPlaceholders.map((p) => `{{${p}}}`).join(', ')}`,
      );
    else emit('unfilled-placeholder', m.index, m[0], 'a placeholder is left in the text');
  }
  const lower = text.toLowerCase();
  for (const fact of context.internalFacts) {
    const at = lower.indexOf(fact.sentence.toLowerCase());
    if (fact.sentence && at !== -1) emit('internal-fact', at, text.slice(at, at + fact.sentence.length), `states the internal-only fact ${fact.name}`);
  }
  for (const person of context.restrictedPeople) {
    for (const [value, what] of [
      [person.name, 'name'],
      [person.email, 'address'],
    ] as const) {
      if (value.trim().length < 3) continue;
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value.trim())}(?![\\p{L}\\p{N}])`, 'giu');
      for (const m of text.matchAll(re)) emit('restricted-responder', m.index, m[0], `the ${what} of a responder to a restricted incident`);
    }
  }
}

export function lintCommunication(channel: Channel, content: { subject: string; body: string }, context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const part of ['subject', 'body'] as const) {
    const text = content[part];
    const emit: Emit = (rule, index, flagged, message) => findings.push({ rule, message, part, ...position(text, index), index, text: flagged });
    if (PLAIN_TEXT_CHANNELS.includes(channel)) for (const m of text.matchAll(HTML_TAG)) emit('plain-text', m.index, m[0], 'plain text only: no HTML');
    lintLinks(text, emit);
    lintInternal(text, context, emit, PLAIN_TEXT_CHANNELS.includes(channel));
    if (channel === 'social_post' && part === 'body') lintSocial(text, context, emit);
  }
  return findings.sort((a, b) => (a.part === b.part ? 0 : a.part === 'subject' ? -1 : 1) || a.index - b.index);
}
