/**
 * Stands in for `@pdf-lib/upng` in Lambda bundles (infra/bundling.ts): pdf-lib's PNG decoder
 * (~24 KB), needed only to embed PNG images, which profile PDFs do not contain.
 */
const unsupported = (): never => {
  throw new Error('PNG images are not bundled with the profile renderer.');
};

export default { decode: unsupported, toRGBA8: unsupported };
