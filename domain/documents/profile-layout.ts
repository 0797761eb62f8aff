/**
 * Bump whenever the layout or the wording of the profile PDF (profile-pdf.ts) changes: rendered PDFs
 * are cached under this version, so a new version renders afresh instead of serving an old document.
 * Kept apart from the renderer so that reading the cache does not load pdf-lib.
 */
export const profileLayoutVersion = 1;
