import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** One EventBridge Scheduler client per container (endpoint override: AWS_ENDPOINT_URL_SCHEDULER). */
export const scheduler = new SchedulerClient({});
