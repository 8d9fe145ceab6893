import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TriageClassifier } from './classifier.ts';
import { NaiveBayes, parseNaiveBayesModel, trainNaiveBayes } from './naive-bayes.ts';
import { buildModel, crossValidate } from './training.ts';
import { textFeatures, words } from './text-features.ts';
import type { TrainingRow } from './training.ts';

const rows: TrainingRow[] = [
  ...['the sandbox escape lets scripts run', 'script injection in the sandbox', 'scripts escape the sandbox frame'].map((body) => ({
    subject: 'report',
    body,
    from: '',
    label: 'vulnerability_report' as const,
  })),
  ...['my membership renewal failed at checkout', 'renewal of membership charged twice', 'membership checkout renewal broken'].map((body) => ({
    subject: 'question',
    body,
    from: '',
    label: 'account_support' as const,
  })),
];

test('words: lower case, function words and long numbers dropped; bigrams added', () => {
  assert.deepEqual(words("The user's 2FA is BROKEN at 1234567 and I'm locked out"), ["user's", '2fa', 'broken', "i'm", 'locked', 'out']);
  assert.deepEqual(textFeatures('Locked out', 'now'), ['locked', 'out', 'now', 'locked out', 'out now']);
});

test('multinomial naive Bayes: counts, smoothing, and per-feature log-probabilities', () => {
  const trained = trainNaiveBayes(
    [
      { label: 'spam_or_other', features: ['a', 'a', 'b'] },
      { label: 'copyright_dmca', features: ['b', 'c'] },
    ],
    { alpha: 1, minCount: 1 },
  );
  assert.deepEqual(trained.counts.a, [0, 0, 0, 0, 0, 2]);
  assert.deepEqual(trained.featureTotals, [0, 0, 2, 0, 0, 3]);
  const nb = new NaiveBayes({ ...trained, version: 'test' });
  const score = nb.score(['a', 'unknown']);
  assert.equal(score.known, 1);
  // P(a | spam) = (2 + 1) / (3 + 1·3); P(a | dmca) = (0 + 1) / (2 + 3).
  assert.ok(Math.abs(score.logLikelihood[5]! - Math.log(3 / 6)) < 1e-12);
  assert.ok(Math.abs(score.logLikelihood[2]! - Math.log(1 / 5)) < 1e-12);
});

test('the suggestion: label, disposition, a confidence between 0 and 1, and the words behind it', () => {
  const classifier = new TriageClassifier(buildModel(rows, { minCount: 1 }));
  const s = classifier.suggest({ subject: 'sandbox', body: 'scripts escape the sandbox', from: 'a@example.com' });
  assert.equal(s.label, 'vulnerability_report');
  assert.equal(s.disposition, 'redirect:vulnerability');
  assert.ok(s.confidence > 0.5 && s.confidence <= 1);
  assert.equal(s.ranking[0]!.label, 'vulnerability_report');
  assert.ok(Math.abs(s.ranking.reduce((a, r) => a + r.confidence, 0) - 1) < 0.01);
  assert.ok(
    s.reasons.some((r) => r.kind === 'words' && r.name === 'sandbox'),
    JSON.stringify(s.reasons),
  );
  assert.equal(classifier.suggest({ subject: 'renewal', body: 'membership checkout', from: '' }).label, 'account_support');
});

test('signals weigh in and are listed first: machine mail wins over the words', () => {
  const classifier = new TriageClassifier(buildModel(rows, { minCount: 1 }));
  const s = classifier.suggest({ subject: 'sandbox', body: 'scripts escape the sandbox', from: 'a@example.com', noise: 'auto-reply' });
  assert.equal(s.label, 'spam_or_other');
  assert.equal(s.disposition, null);
  assert.equal(s.reasons[0]!.name, 'machine-mail');
});

test('the model is versioned by its content, survives JSON, and a damaged one is refused', () => {
  const model = buildModel(rows, { minCount: 1 });
  assert.equal(buildModel(rows, { minCount: 1 }).version, model.version, 'reproducible');
  assert.notEqual(buildModel(rows.slice(1), { minCount: 1 }).version, model.version);
  assert.deepEqual(parseNaiveBayesModel(JSON.parse(JSON.stringify(model))), model);
  assert.throws(() => parseNaiveBayesModel({ ...model, format: 'other' }), /format/);
  assert.throws(() => parseNaiveBayesModel({ ...model, counts: { x: [1, 2] } }), /feature counts/);
  assert.throws(() => parseNaiveBayesModel({ ...model, labels: ['a'] }), /labels/);
});

test('cross-validation scores every row exactly once with a model that did not see it', () => {
  const e = crossValidate(rows, 3, 7, { minCount: 1 });
  assert.equal(e.rows, rows.length);
  assert.deepEqual(crossValidate(rows, 3, 7, { minCount: 1 }), e, 'the same seed gives the same folds');
});

test("a likely low-value report keeps the model's label, is flagged out of scope and points to the out-of-scope reply", () => {
  const classifier = new TriageClassifier(buildModel(rows, { minCount: 1 }));
  const plain = classifier.suggest({ subject: 'sandbox', body: 'scripts escape the sandbox', from: 'a@example.com' });
  const s = classifier.suggest({ subject: 'sandbox', body: 'scripts escape the sandbox. Also your domain has no DMARC record.', from: 'a@example.com' });
  assert.equal(plain.outOfScope, null);
  assert.equal(s.label, 'vulnerability_report');
  assert.equal(s.disposition, 'reply');
  assert.deepEqual(s.outOfScope, {
    families: [{ family: 'email-auth', detail: 'email authentication records (SPF, DMARC, DKIM): “no dmarc record”' }],
    template: 'reply.out-of-scope',
  });
  assert.deepEqual(s.reasons[0], {
    kind: 'out-of-scope',
    label: 'vulnerability_report',
    name: 'email-auth',
    detail: s.outOfScope!.families[0]!.detail,
    weight: 0,
  });
  const machine = classifier.suggest({ subject: 'sandbox', body: 'no DMARC record', from: 'a@example.com', noise: 'bounce' });
  assert.equal(machine.label, 'spam_or_other');
  assert.equal(machine.disposition, null, 'spam and machine mail take no disposition, flag or not');
});
