// The shared corpus of real public data (labelled mail, malformed MIME, XSS payloads) lives beside the
// repository in ../shared/corpus (or where SECDESK_CORPUS points); it is read from there, never copied
// in. A test that needs it skips, saying where it looked, when it is absent.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const CORPUS = process.env.SECDESK_CORPUS ?? path.resolve(import.meta.dirname, '../../../shared/corpus');

/** A path inside the corpus. */
export const corpusPath = (...parts: string[]): string => path.join(CORPUS, ...parts);

/** `false` when every named part of the corpus exists, else the skip message naming what is missing. */
export function corpusMissing(...parts: string[]): false | string {
  const absent = parts.map((p) => corpusPath(p)).filter((p) => !existsSync(p));
  return absent.length ? `the shared corpus is not here: ${absent.join(', ')} is missing (set SECDESK_CORPUS)` : false;
}
