import { SQSClient } from '@aws-sdk/client-sqs';

/** One SQS client per container (endpoint override: AWS_ENDPOINT_URL_SQS). */
export const sqs = new SQSClient({});
