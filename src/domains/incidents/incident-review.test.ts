import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mdText } from './incident-review.ts';
import { checkKnownType, DEFAULT_INCIDENT_TYPES, validateIncidentTypes } from './incident-types.ts';

test('mdText escapes every mark that could add structure, and flattens line breaks', () => {
  assert.equal(mdText('# Title | <b>x</b> [a](b)\n- item'), '\\# Title \\| \\<b\\>x\\<\\/b\\> \\[a\\]\\(b\\) \\- item');
  assert.equal(mdText('plain words 42'), 'plain words 42');
});

test('incident types: slugs, labels, no duplicates; unknown types named', () => {
  assert.equal(validateIncidentTypes(DEFAULT_INCIDENT_TYPES).length, DEFAULT_INCIDENT_TYPES.length);
  assert.deepEqual(validateIncidentTypes([{ id: 'supply_chain', label: '  Supply chain ' }]), [{ id: 'supply_chain', label: 'Supply chain' }]);
  assert.throws(() => validateIncidentTypes([]), /1 to 100 types/);
  assert.throws(() => validateIncidentTypes([{ id: 'Bad Id', label: 'x' }]), /lower-case/);
  assert.throws(
    () =>
      validateIncidentTypes([
        { id: 'a', label: 'x' },
        { id: 'a', label: 'y' },
      ]),
    /listed twice/,
  );
  assert.throws(() => checkKnownType('meteor', DEFAULT_INCIDENT_TYPES), /unknown incident type meteor/);
});
