import { httpHandler } from '../shared/http/handler.ts';
import { ok } from '../shared/http/responses.ts';
import { practiceWiring } from '../shared/wiring.ts';

const practice = practiceWiring();

export const handler = httpHandler({
  'GET /v1/audit': async (request) => {
    const found = await practice.audit(request.caller.org, {
      limit: request.query.limit,
      after: await request.pagePosition(),
    });
    return ok({ items: found.items, nextCursor: await request.nextCursor(found.next) });
  },
});
