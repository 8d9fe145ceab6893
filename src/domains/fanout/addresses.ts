// Contact addresses from imports are hostile input: one normal form, and a reason for every refusal.
// The local part stays exact (RFC 5321 leaves it case-sensitive); the domain is compared lower-cased
// and in its ASCII (punycode) form. Quoted local parts, SMTPUTF8 local parts and anything that could
// smuggle a header (CR/LF, control characters) or fool a reader (bidi controls, zero-width and other
// invisible characters) are refused, and so are domains built to look like another: a label mixing
// Latin, Cyrillic and Greek letters, or one spelt only in Cyrillic or Greek letters that look Latin.
import { domainToASCII, domainToUnicode } from 'node:url';

export type AddressCheck = { ok: true; email: string; key: string; domain: string } | { ok: false; reason: string };

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// Local part: dot-atom of RFC 5322 atext, ASCII only.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LINE_BREAK = /[\r\n]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Bidi embeddings/overrides/isolates and marks, zero-width and other invisible or format characters.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists the invisible code points one by one, combining marks among them.
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]|\p{Cf}/u;

/**
 * `sender`: the address is secdesk's own From (configured, not imported), which may be on a
 * single-label domain such as `localhost`: a relay on one machine delivers it, and a real
 * deployment's relay refuses it with its own reason. Recipients always need a dotted domain.
 */
export function checkAddress(raw: string, options: { sender?: boolean } = {}): AddressCheck {
  if (LINE_BREAK.test(raw)) return { ok: false, reason: 'contains a line break (CR/LF)' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'contains a control character' };
  if (INVISIBLE.test(raw)) return { ok: false, reason: 'contains an invisible or text-direction character' };
  const value = raw.normalize('NFC').trim();
  if (!value) return { ok: false, reason: 'empty' };
  if (value.length > MAX_ADDRESS) return { ok: false, reason: `longer than ${MAX_ADDRESS} characters` };
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return { ok: false, reason: 'not an address (local@domain)' };
  const local = value.slice(0, at);
  const rawDomain = value.slice(at + 1);
  if (local.length > MAX_LOCAL) return { ok: false, reason: `local part longer than ${MAX_LOCAL} characters` };
  if (/[^\x21-\x7e]/.test(local)) return { ok: false, reason: 'local part has non-ASCII characters or spaces' };
  if (!LOCAL.test(local)) return { ok: false, reason: 'invalid local part' };
  const domain = asciiDomain(rawDomain, options.sender === true);
  if (!domain) return { ok: false, reason: 'invalid domain' };
  if (confusableDomain(domain)) return { ok: false, reason: 'the domain mixes scripts or imitates Latin letters (confusable characters)' };
  return { ok: true, email: `${local}@${domain}`, key: `${local}@${domain}`, domain };
}

function asciiDomain(raw: string, singleLabel: boolean): string | null {
  if (raw.startsWith('[') || raw.endsWith('.')) return null; // address literals are not mailed to
  const ascii = /^[\x21-\x7e]+$/.test(raw) ? raw.toLowerCase() : domainToASCII(raw);
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if ((labels.length < 2 && !singleLabel) || !labels.every((l) => LABEL.test(l))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];
// Cyrillic and Greek letters that render like Latin ones (Unicode confusables, the common part).
const LATIN_LOOKALIKES = /^[аеорсухіјѕһӏԁԛԝοрρνιαυχ0-9-]+$/u;

/** Whether a domain (ASCII form) has a label that mixes scripts or is spelt wholly in Latin look-alikes. */
export function confusableDomain(asciiDomain: string): boolean {
  return domainToUnicode(asciiDomain)
    .split('.')
    .some((label) => {
      const scripts = SCRIPTS.filter((script) => script.test(label)).length;
      if (scripts > 1) return true;
      return !SCRIPTS[0]!.test(label) && /\p{L}/u.test(label) && LATIN_LOOKALIKES.test(label);
    });
}
