/**
 * THE bucket definitions. `profiles` keeps rendered profile PDFs (a cache: everything in it can be
 * rendered again); `exports` keeps zips and share artefacts, which expire.
 */
export interface BucketDefinition {
  readonly id: string;
  /** Objects older than this are deleted by a lifecycle rule (undefined: kept). */
  readonly expireAfterDays?: number;
}

export const buckets = {
  profiles: { id: 'profiles', expireAfterDays: 90 },
  exports: { id: 'exports', expireAfterDays: 8 },
} as const satisfies Record<string, BucketDefinition>;

export type BucketId = keyof typeof buckets;

export const bucketIds = Object.keys(buckets) as BucketId[];
