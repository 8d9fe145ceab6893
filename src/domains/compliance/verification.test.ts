import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Customer } from './compliance.types.ts';
import { verifyRequest } from './verification.ts';

const acme: Customer = {
  id: 'a',
  name: 'Acme',
  accountId: 'A-1',
  emailDomains: ['acme.example'],
  soc2: true,
  pentest: true,
  ndaOnFile: true,
  updatedAt: new Date(),
};
const base = { requesterEmail: 'c@acme.example', reports: ['soc2'], onBehalfOf: null, requesterCustomer: acme, employeeDomains: ['corp.example'] };

test('a customer with the entitlement is verified', () => {
  assert.deepEqual(verifyRequest({ ...base, reports: ['soc2', 'pentest', 'soc2'] }), {
    verified: true,
    customer: acme,
    onBehalf: false,
    reports: ['soc2', 'pentest'],
  });
});

test('no customer, no entitlement or no NDA: a reason for the requester', () => {
  assert.match(JSON.stringify(verifyRequest({ ...base, requesterCustomer: null })), /could not find acme.example/);
  assert.match(JSON.stringify(verifyRequest({ ...base, requesterCustomer: { ...acme, soc2: false } })), /does not include the SOC 2 report/);
  assert.match(JSON.stringify(verifyRequest({ ...base, reports: ['pentest'], requesterCustomer: { ...acme, ndaOnFile: false } })), /non-disclosure agreement/);
});

test('employees: on behalf of a named customer, SOC 2 only', () => {
  const employee = { ...base, requesterEmail: 'sam@corp.example', requesterCustomer: null };
  assert.throws(() => verifyRequest(employee), /names the customer/);
  assert.deepEqual(verifyRequest({ ...employee, onBehalfOf: acme }), { verified: true, customer: acme, onBehalf: true, reports: ['soc2'] });
  assert.match(JSON.stringify(verifyRequest({ ...employee, onBehalfOf: acme, reports: ['pentest'] })), /SOC 2 report only/);
  assert.throws(() => verifyRequest({ ...base, onBehalfOf: acme }), /only an employee/);
  assert.throws(() => verifyRequest({ ...base, reports: [] }), /at least one report/);
});
