import { deflateSync } from 'node:zlib';

/**
 * Stands in for `pako` in Lambda bundles (infra/bundling.ts). pdf-lib calls only `pako.deflate`
 * (to compress content streams and embedded fonts); Node's own zlib writes the same format, so the
 * bundle need not carry a JavaScript port of it (~46 KB).
 */
export default {
  deflate: (data: Uint8Array): Uint8Array => new Uint8Array(deflateSync(data)),
};
