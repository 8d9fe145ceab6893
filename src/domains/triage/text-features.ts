// The words a classifier sees: lower-cased word tokens and their bigrams, from the subject and the
// start of the body (hostile mail can be huge; the first MAX_TEXT characters decide).
const MAX_TEXT = 20_000;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'_-]{0,39}/gu;
// Function words carry no class; "out", "up", "not" stay ("locked out", "set up", "cannot").
const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'i me my we our you your he she they them their his her him us do does did have has had will would shall should can could may might ' +
    'so than then there here which who whom what when where how all any some such also just very into about over per via re fw fwd'
  ).split(' '),
);

export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.slice(0, MAX_TEXT).normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/['_-]+$/, '');
    if (word.length >= 2 && !STOP_WORDS.has(word) && !/^\d{5,}$/.test(word)) out.push(word);
  }
  return out;
}

/** Unigrams and adjacent bigrams ("pen test", "locked out"). */
export function textFeatures(subject: string, body: string): string[] {
  const tokens = words(`${subject}\n${body}`);
  const features = [...tokens];
  for (let i = 1; i < tokens.length; i++) features.push(`${tokens[i - 1]} ${tokens[i]}`);
  return features;
}
