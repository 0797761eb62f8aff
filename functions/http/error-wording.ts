/**
 * The contract's fixed wording of a 500 (api.md, from the seeds with their typo fixed), shared by
 * the functions and the local gateway so a failure reads the same wherever it is answered.
 */
export const internalErrorMessage = (support: string): string =>
  `We are so sorry, there has been an error, please try again later or contact the help team at ${support} for support`;
