import { httpHandler } from '../shared/http/handler.ts';
import { practiceWiring } from '../shared/wiring/practice.ts';

const practice = practiceWiring();

export const handler = httpHandler({
  'GET /v1/audit': async (request) => request.list((page) => practice.audit(request.caller.org, page)),
});
