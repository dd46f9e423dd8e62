// Programmatic tenant lifecycle: the same operations as `jira-drift tenant ...`.
export {
  installTenant,
  InstallRefusedError,
  provisionTenant,
  type InstallDeps,
  type InstallResult,
  type InstallTenantInput,
  type ProvisionDeps,
  type ProvisionResult,
  type ProvisionTenantInput,
  type TenantLifecycleDeps,
} from './tenant-install';
export { storeConsentedGrant, type StoreGrantDeps, type StoreGrantInput } from './tenant-grant';
export { listTenantSummaries, showTenant, type TenantDetails, type TenantSummary } from './tenant-status';
export { pauseTenant, resumeTenant, removeTenant, rescheduleTenants, type RemoveResult } from './tenant-control';
export { describeSnapshotSchedules, ensureSnapshotSchedules, SCHEDULE_OVERLAP_POLICY } from './snapshot-schedules';
export {
  clearAutomationToken,
  setAutomationToken,
  type AutomationTokenDeps,
  type SetAutomationTokenInput,
  type SetAutomationTokenResult,
} from './automation-token';
