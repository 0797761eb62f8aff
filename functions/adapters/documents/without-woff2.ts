/**
 * Stands in for `brotli/decompress.js` in Lambda bundles (infra/bundling.ts aliases it here). The
 * font engine imports brotli at load time only to read WOFF2 fonts; we embed TrueType files, so the
 * ~0.5 MB decompressor would only cost cold-start time. Should a WOFF2 font ever arrive, this says so.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not supported in this bundle: embed a TrueType (.ttf) font');
}
