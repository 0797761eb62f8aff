/**
 * The font files the profile PDF needs at run time, as `<package>/<path>`. A definition: CDK copies
 * exactly these next to every Lambda bundle under `node_modules/<same path>` (esbuild bundles no
 * binaries), and ./fonts.ts resolves them from its own URL, which finds them locally and in Lambda.
 */
export const fontFiles = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

/** Every file to ship (the licence travels with the fonts; package.json lets `require.resolve` find them). */
export const profileFontFiles: readonly string[] = [
  'dejavu-fonts-ttf/package.json',
  'dejavu-fonts-ttf/LICENSE',
  fontFiles.regular,
  fontFiles.bold,
];
