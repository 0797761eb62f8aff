import type { FunctionNeeds, NeedsByEntry } from '../shared/function-needs.ts';
import { downloadsNeeds } from './routes/downloads.ts';
import { exportsNeeds } from './routes/exports.ts';
import { invitationsNeeds } from './routes/invitations.ts';
import { learningNeeds } from './routes/learning.ts';
import { linksNeeds } from './routes/links.ts';
import { metaNeeds } from './routes/meta.ts';
import { practiceNeeds } from './routes/practice.ts';
import { suppliersNeeds } from './routes/suppliers.ts';
import { transfersNeeds } from './routes/transfers.ts';

/**
 * What each HTTP Lambda may touch, by entry: the families' own declarations (beside their routes,
 * functions/http/routes/*.ts) in one map for CDK (infra/constructs/api.ts) and the template tests.
 * Handlers never import this module: it would pull every family's schemas into their bundles.
 */
export const httpNeeds: NeedsByEntry = {
  ...metaNeeds,
  ...practiceNeeds,
  ...invitationsNeeds,
  ...learningNeeds,
  ...exportsNeeds,
  ...downloadsNeeds,
  ...linksNeeds,
  ...suppliersNeeds,
  ...transfersNeeds,
};

/** The declared needs of an HTTP entry; an entry its family forgot to declare fails synth here. */
export function needsOfEntry(entry: string): FunctionNeeds {
  const needs = httpNeeds[entry];
  if (!needs) {
    throw new Error(
      `${entry} declares no needs: add it to its family's <family>Needs beside its routes (functions/http/routes/).`,
    );
  }
  return needs;
}
