// The shipped templates: each body and subject is the text meant, with no source-code leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEMPLATES } from './catalogue.ts';

test('no shipped template carries an unexpanded dollar-brace interpolation from its source (the all clear mails end with the team signature)', () => {
  for (const t of DEFAULT_TEMPLATES) {
    assert.doesNotMatch(`${t.subject}\n${t.body}`, /\$\{/, t.key);
  }
  for (const key of ['comms.customer_email.all_clear', 'comms.security_alert.all_clear']) {
    assert.match(DEFAULT_TEMPLATES.find((t) => t.key === key)!.body, /\{\{team\.name\}\}\nQuestions: \{\{security\.address\}\}$/, key);
  }
});
