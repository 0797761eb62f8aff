/** Products that cost one use each; `careerGuide` is a free add-on and never counted. */
export const countedProducts = ['introductory', 'expert'] as const;
export type CountedProduct = (typeof countedProducts)[number];
