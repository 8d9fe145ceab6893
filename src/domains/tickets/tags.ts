// Tags: lower case, words joined by hyphens, letters, digits and : . _ - only; a few per ticket.
import { ValidationError } from '../errors.ts';

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}:._-]*$/u;

export function normaliseTag(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
}

export function normaliseTags(input: readonly string[]): string[] {
  const tags: string[] = [];
  for (const raw of input) {
    const tag = normaliseTag(raw);
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH) throw new ValidationError(`a tag is limited to ${MAX_TAG_LENGTH} characters: ${tag.slice(0, MAX_TAG_LENGTH)}…`);
    if (!TAG.test(tag)) throw new ValidationError(`a tag may hold letters, digits and : . _ - only: ${tag}`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_TAGS) throw new ValidationError(`a ticket takes at most ${MAX_TAGS} tags`);
  return tags;
}
