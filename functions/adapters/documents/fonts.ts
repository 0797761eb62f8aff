import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  createProfileRenderer,
  type ProfileFonts,
  type ProfileRenderer,
} from '../../../domain/documents/profile-pdf.ts';
import { fontFiles, profileFontFiles } from './font-files.ts';

/**
 * The Unicode fonts of the profile PDF (DejaVu Sans: Latin and its extensions, Greek, Cyrillic and
 * more), read from the `dejavu-fonts-ttf` package. esbuild does not bundle binary files, so CDK
 * copies exactly {@link profileFontFiles} (./font-files.ts, a definition infra may import) next to
 * the Lambda bundle under `node_modules/<same path>`; resolving them from this module's URL then
 * finds the same files locally and in Lambda.
 */
export { profileFontFiles };

let fonts: ProfileFonts | undefined;
let renderer: ProfileRenderer | undefined;

/** The font bytes, read from disk once per container. */
export function profileFonts(): ProfileFonts {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => new Uint8Array(readFileSync(require.resolve(file)));
    fonts = { regular: read(fontFiles.regular), bold: read(fontFiles.bold) };
  }
  return fonts;
}

/** The renderer, created once per container: fonts parsed once, per-language parts prepared on first use. */
export function profileRenderer(): ProfileRenderer {
  renderer ??= createProfileRenderer(profileFonts());
  return renderer;
}
