import type { EmailStrings } from './types.ts';

export const de: EmailStrings = {
  greeting: (name) => `Hallo ${name},`,
  signOff: 'Viele Grüße\nIhr Profiles-Team',
  help: (support) => `Fragen? Schreiben Sie an ${support}.`,
  profileShare: {
    subject: 'Ihr Profil ist fertig',
    intro: 'Ihr persönliches Profil wurde mit Ihnen geteilt.',
    attached: 'Sie finden es als PDF im Anhang dieser E-Mail.',
    link: (expiresOn) => `Laden Sie es über den Link unten herunter (gültig bis ${expiresOn}).`,
    linkAction: 'Profil herunterladen',
    digital: 'Öffnen Sie Ihr digitales Profil über den Link unten.',
    digitalAction: 'Digitales Profil öffnen',
    tooLargeForAttachment: 'Das PDF war zu groß für einen Anhang, daher erhalten Sie einen Download-Link.',
  },
};
