import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per container (Powertools reads POWERTOOLS_* settings from the env). */
export const logger = new Logger({ serviceName: 'profile-sharing' });
