import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankFacts, factCatalogue } from '../incidents/fact-catalogue.ts';
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import { DEFAULT_RISK_MATRIX, type RiskMatrix } from '../incidents/risk-matrix.ts';
import { compileCondition, ConditionError, evaluate, matchingClauses } from './condition.ts';
import { describeTree } from './condition-describe.ts';

const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);
const compile = (source: string) => compileCondition(source, catalogue);
/** impact 4 × likelihood 3 = 12: High on the default matrix; 5 × 4 = 20: Critical; 2 × 2: Low. */
const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({ ...blankFacts(4, 3), ...over });

function errorOf(source: string): ConditionError {
  try {
    compile(source);
  } catch (err) {
    assert.ok(err instanceof ConditionError, `${source}: ${String(err)}`);
    return err;
  }
  assert.fail(`'${source}' compiled`);
}

test('conditions that do not parse say what was expected and where', () => {
  const cases: [string, string, number][] = [
    ['', 'the condition is empty at column 1', 1],
    ['impact >=', "expected a value after '>=' at column 10; the condition ends there", 10],
    ['data_breach = ', "expected a value after '=' at column 15; the condition ends there", 15],
    ['impact = and', "expected a value after '=' at column 10; found the keyword 'and'", 10],
    ['(data_breach or rce_exploited', "expected ')' to close the '(' of column 1 at column 30; the condition ends there", 30],
    ['data_breach)', "unexpected ')' at column 12; there is no '(' to close", 12],
    ['data_breach rce_exploited', "unexpected 'rce_exploited' at column 13; expected 'and', 'or' or the end", 13],
    ['data_breach && rce_exploited', "unexpected '&&' at column 13; write 'and'", 13],
    ['data_breach || rce_exploited', "unexpected '||' at column 13; write 'or'", 13],
    ['impact == high', "unexpected '==' at column 8; write '='", 8],
    ['!data_breach', "unexpected '!' at column 1; write 'not', or '!=' to compare", 1],
    ["impact = 'high'", "unexpected ''' at column 10; values are written without quotes", 10],
    ['impact in high', "expected '(' after 'in' at column 11; found 'high'; write e.g. impact in (high, critical)", 11],
    ['impact in (high critical)', "expected ',' or ')' in the list at column 17; found 'critical'", 17],
    ['impact in (high,', "expected a value after ',' at column 17; the condition ends there", 17],
    ['data_breach and', 'expected a field name at column 16; the condition ends there', 16],
    ['impact @ high', "unexpected character '@' at column 8; names are letters, digits and _; values are names too (no quotes)", 8],
  ];
  for (const [source, message, column] of cases) {
    const error = errorOf(source);
    assert.equal(error.message, message, source);
    assert.equal(error.problem.column, column, source);
    assert.equal(error.code, 'invalid', 'a validation error for the HTTP layer');
  }
});

test('unknown fields, unknown values and type mismatches are errors at compile time', () => {
  const cases: [string, string][] = [
    ['dat_breach', "unknown field 'dat_breach' at column 1; did you mean 'data_breach'?"],
    ['impact >= high and rce_exploted', "unknown field 'rce_exploted' at column 20; did you mean 'rce_exploited'?"],
    [
      'severity >= high',
      "unknown field 'severity' at column 1; known fields: impact, users_impacted, type, data_breach, personal_data_exposed, private_projects_exposed, financial_information_exposed, rce_exploited, publicly_reported, regulatory_duty, enterprise_customers_impacted, impact_determined",
    ],
    ['impact >= hgh', "unknown value 'hgh' for 'impact' at column 11; expected one of low, medium, high, critical; did you mean 'high'?"],
    ['users_impacted = most', "unknown value 'most' for 'users_impacted' at column 18; expected one of none, some, many, all"],
    ['impact', "'impact' is not a yes/no fact at column 1; compare it with a value, e.g. impact = low"],
    ['type >= rce', "'>=' needs an ordered field; 'type' has no order at column 6; use '=', '!=' or 'in'"],
    ['data_breach > false', "'>' needs an ordered field; 'data_breach' is yes/no at column 13; use '=' or '!='"],
    ['data_breach = high', "'data_breach' is yes/no, not 'high' at column 15; compare it with true or false"],
    ['data_breach in (true)', "'in' needs a field with values; 'data_breach' is yes/no at column 1; write data_breach or not data_breach"],
    ['impact = true', "unknown value 'true' for 'impact' at column 10; expected one of low, medium, high, critical"],
  ];
  for (const [source, message] of cases) assert.equal(errorOf(source).message, message, source);
});

test('a condition over several lines reports line and column', () => {
  const error = errorOf('data_breach\n  or rce_exploted');
  assert.equal(error.message, "unknown field 'rce_exploted' at line 2, column 6; did you mean 'rce_exploited'?");
  assert.deepEqual([error.problem.line, error.problem.column], [2, 6]);
});

test('hostile input is refused without exhausting the stack', () => {
  assert.match(errorOf('('.repeat(400) + 'data_breach' + ')'.repeat(400)).message, /nests deeper than 32 levels/);
  assert.match(errorOf('not '.repeat(300) + 'data_breach').message, /nests deeper than 32 levels/);
  assert.match(errorOf('data_breach or '.repeat(200) + 'data_breach').message, /longer than 2000 characters at column 2001/);
});

test('evaluation, table-driven', () => {
  const cases: [string, Partial<IncidentFacts>, boolean][] = [
    ['impact >= high', {}, true],
    ['impact >= high', { impact: 2, likelihood: 2 }, false],
    ['impact > high', {}, false],
    ['impact > high', { impact: 5, likelihood: 4 }, true],
    ['impact < high', { impact: 2, likelihood: 2 }, true],
    ['impact <= medium', {}, false],
    ['impact = high', {}, true],
    ['impact != high', {}, false],
    ['impact in (high, critical)', {}, true],
    ['impact not in (high, critical)', {}, false],
    ['users_impacted >= many', { usersImpacted: 'all' }, true],
    ['users_impacted >= many', { usersImpacted: 'some' }, false],
    ['data_breach', { dataBreach: true }, true],
    ['data_breach', {}, false],
    ['not data_breach', {}, true],
    ['data_breach = false', {}, true],
    ['data_breach != false', { dataBreach: true }, true],
    ['data_breach or rce_exploited', { rceExploited: true }, true],
    ['data_breach and rce_exploited', { rceExploited: true }, false],
    ['data_breach or rce_exploited and publicly_reported', { dataBreach: true }, true],
    ['(data_breach or rce_exploited) and publicly_reported', { dataBreach: true }, false],
    ['not (data_breach or rce_exploited)', {}, true],
    ['type = rce and rce_exploited', { type: 'rce', rceExploited: true }, true],
    ['type in (data_breach, abuse)', { type: 'rce' }, false],
    ['IMPACT >= HIGH AND Data_Breach', { dataBreach: true }, true],
  ];
  for (const [source, over, expected] of cases) assert.equal(evaluate(compile(source), facts(over)), expected, source);
});

test('matching clauses say which alternatives fired', () => {
  const condition = compile('publicly_reported or regulatory_duty or impact_determined');
  const fired = matchingClauses(condition, facts({ publiclyReported: true, impactDetermined: true }));
  assert.deepEqual(
    fired.map((c) => describeTree(c, catalogue)),
    ['the incident has been publicly reported', 'the full impact has been determined'],
  );
  assert.deepEqual(matchingClauses(condition, facts()), []);
  assert.equal(matchingClauses(compile('data_breach'), facts({ dataBreach: true })).length, 1);
});

test('the impact levels follow a configured matrix', () => {
  const threeLevels: RiskMatrix = {
    impactLabels: ['1', '2', '3', '4', '5'],
    likelihoodLabels: ['1', '2', '3', '4', '5'],
    levels: [
      { level: 'minor', label: 'Minor', minScore: 1, commsPlan: false },
      { level: 'major', label: 'Major', minScore: 8, commsPlan: true },
      { level: 'severe', label: 'Severe', minScore: 20, commsPlan: true },
    ],
  };
  const own = factCatalogue(threeLevels);
  assert.equal(evaluate(compileCondition('impact >= major', own), facts()), true);
  assert.equal(evaluate(compileCondition('impact >= severe', own), facts()), false);
  assert.throws(() => compileCondition('impact >= high', own), /unknown value 'high' for 'impact' at column 11; expected one of minor, major, severe/);
});
