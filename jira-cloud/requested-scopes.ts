// The OAuth scopes jira-drift asks a site admin to grant: every granular read scope of every type it
// reads (jira-cloud/config-reads.ts, checked against the spec), plus offline_access for refresh
// tokens, the audit log's scopes (drift attribution) and those of its authors' display names. Derived, so a new type cannot be read without its scope being asked for. Atlassian
// recommends fewer than 50 scopes per app (reference §1.8).
import { CONFIG_TYPES } from '../domain/config-catalogue';
import { CONFIG_RESOURCES } from './config-reads';
import { AUDIT_LOG_SCOPES } from './reads/audit-log';
import { USER_NAME_SCOPES } from './reads/user-names';

export const REQUESTED_SCOPES: readonly string[] = [
  ...new Set([...CONFIG_TYPES.flatMap((type) => CONFIG_RESOURCES[type].scopes), ...AUDIT_LOG_SCOPES, ...USER_NAME_SCOPES]),
  'offline_access',
].sort();
