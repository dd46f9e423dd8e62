// Short database activities shared by the workflows: a minute each, retried with backoff for about
// five minutes (a PostgreSQL restart or failover) before the workflow sees the failure.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export const storeActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10 },
});
