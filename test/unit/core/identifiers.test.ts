import fc from 'fast-check';
import { isTenantId } from '../../../domain/tenant-id';
import { assertTenantId } from '../../../client/input-schemas';
import { driftScanWorkflowId, snapshotWorkflowId, tokenRefreshWorkflowId } from '../../../domain/workflow-ids';
import { findWriteScopes } from '../../../domain/oauth-scopes';
import { REQUESTED_SCOPES } from '../../../jira-cloud';
import { failureReason } from '../../../workflows/failure-reason';

test('tenant ids are slugs; crafted ids are refused with a bounded message', () => {
  for (const ok of ['acme', 'a', '0-team', 'a'.repeat(63)]) expect(isTenantId(ok)).toBe(true);
  for (const bad of ['', 'Acme', '-acme', '../etc', "a'; DROP TABLE tenants;--", 'аcme' /* Cyrillic а */, 'a'.repeat(64), 'a b', 'a/b']) {
    expect(isTenantId(bad)).toBe(false);
    expect(() => assertTenantId(bad)).toThrow(/^tenant id must be 1-63 characters/);
  }
  let message = '';
  try {
    assertTenantId('x'.repeat(10_000));
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message.length).toBeGreaterThan(0);
  expect(message.length).toBeLessThan(300);
  fc.assert(fc.property(fc.string(), (s) => expect(isTenantId(s)).toBe(/^[a-z0-9][a-z0-9-]{0,62}$/.test(s))));
});

test('workflow ids are readable and deterministic', () => {
  expect(snapshotWorkflowId('acme', 'daily', '2026-11-25T00:00:00Z')).toBe('snapshot:acme:daily:2026-11-25T00:00:00Z');
  expect(tokenRefreshWorkflowId('acme')).toBe('token-refresh:acme');
  expect(driftScanWorkflowId('acme', '7', '9')).toBe('drift:acme:7..9');
});

test('requested scopes are read-only plus offline_access; write scopes are detected', () => {
  expect(findWriteScopes([...REQUESTED_SCOPES])).toEqual([]);
  expect(REQUESTED_SCOPES).toContain('offline_access');
  expect(REQUESTED_SCOPES).not.toContain('read:jira-configuration');
  expect(findWriteScopes(['read:field:jira', 'write:jira-work', 'manage:jira-configuration', 'delete:project:jira'])).toEqual([
    'write:jira-work',
    'manage:jira-configuration',
    'delete:project:jira',
  ]);
});

test('failureReason finds the innermost message of a failure chain', () => {
  const inner = new Error('Jira GET /rest/api/3/screens failed with HTTP 404');
  const outer = Object.assign(new Error('Activity task failed'), { cause: inner });
  expect(failureReason(outer)).toBe(inner.message);
  expect(failureReason('plain')).toBe('unknown failure');
});
