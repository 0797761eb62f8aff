import type { RouteSpec } from './route-definition.ts';
import { downloadsRoutes } from './routes/downloads.ts';
import { exportsRoutes } from './routes/exports.ts';
import { invitationsRoutes } from './routes/invitations.ts';
import { learningRoutes } from './routes/learning.ts';
import { linksRoutes } from './routes/links.ts';
import { metaRoutes } from './routes/meta.ts';
import { practiceRoutes } from './routes/practice.ts';
import { suppliersRoutes } from './routes/suppliers.ts';
import { transfersRoutes } from './routes/transfers.ts';

/**
 * THE route table. Read by CDK (infra/constructs/api.ts), the local gateway and the OpenAPI
 * generator. It is written in one module per family (./routes/*.ts) so that a Lambda bundle builds
 * only its own family's schemas at cold start; a route's method and path sit on one line on
 * purpose, greppable against api.md (so .prettierignore leaves those files to their authors).
 */
export const routes = [
  ...metaRoutes,
  ...practiceRoutes,
  ...invitationsRoutes,
  ...learningRoutes,
  ...exportsRoutes,
  ...downloadsRoutes,
  ...linksRoutes,
  ...suppliersRoutes,
  ...transfersRoutes,
] as const satisfies readonly RouteSpec[];
