/**
 * Text a user chose (a learner's or an inviter's name) ends up where a reader cannot see what it
 * holds: a file name, an email subject. Bidirectional controls there reorder what is shown, so
 * `Mallory\u202Efdp.exe` displays as `Malloryexe.pdf`; they are removed before text goes to such a
 * place. The embeddings and overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the
 * invisible marks (U+200E, U+200F, U+061C) are every character Unicode gives the bidi class of an
 * explicit control or mark (UAX #9), so none is left to spoof with.
 */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const withoutBidiControls = (text: string): string => text.replace(bidiControls, '');
