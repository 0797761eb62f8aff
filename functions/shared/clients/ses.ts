import { SESv2Client } from '@aws-sdk/client-sesv2';

/** One SES v2 client per container (endpoint override: AWS_ENDPOINT_URL_SESV2). */
export const ses = new SESv2Client({});
