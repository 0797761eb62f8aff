import { redactedAudit } from '../../domain/audit/redaction.ts';
import { httpHandler } from '../shared/http/handler.ts';
import { practiceRoutes } from './routes/practice.ts';
import { practiceWiring } from '../shared/wiring/practice.ts';

const practice = practiceWiring();

export const handler = httpHandler(practiceRoutes, {
  // Redacted on the way out too: entries written before codes were masked show no live code.
  'GET /v1/audit': async (request) =>
    request.list((page) => practice.audit(request.caller.org, page), redactedAudit),
});
