// The audit log read: on the read-only allowlist, open to the grant jira-drift asks for, its scopes the
// spec's granular set, and the grant check the ingestion makes before spending a request.
import { REQUESTED_SCOPES } from '../../../jira-cloud';
import { isAllowedRequest } from '../../../jira-cloud/read-only-allowlist';
import { AUDIT_LOG_PATH, AUDIT_LOG_SCOPES, grantOpensAuditLog } from '../../../jira-cloud/reads/audit-log';
import { grantAllows, operationScopes } from '../../../jira-sim/scopes/operation-scopes';

test('GET auditing/record is allowlisted and the requested grant opens it', () => {
  expect(isAllowedRequest('GET', AUDIT_LOG_PATH)).toBe(true);
  const required = operationScopes('GET', 'auditing/record')!;
  expect(required.granular).toEqual([...AUDIT_LOG_SCOPES]);
  expect(grantAllows(required, REQUESTED_SCOPES)).toBe(true);
  expect(REQUESTED_SCOPES.length).toBeLessThan(50);
});

test('grantOpensAuditLog follows the same rule as the gateway', () => {
  const required = operationScopes('GET', 'auditing/record')!;
  for (const granted of [[...AUDIT_LOG_SCOPES], ['read:audit-log:jira'], ['manage:jira-configuration'], ['read:jira-work'], []]) {
    expect([granted, grantOpensAuditLog(granted)]).toEqual([granted, grantAllows(required, granted)]);
  }
});
