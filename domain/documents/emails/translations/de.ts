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
  invitationReminder: {
    subject: (inviter) => `Erinnerung: ${inviter} hat Sie eingeladen, Ihr Profil auszufüllen`,
    intro: (inviter) =>
      `${inviter} hat Sie eingeladen, ein Profil auszufüllen, und wartet noch auf Sie. Melden Sie sich mit dieser E-Mail-Adresse an und nehmen Sie die Einladung über den Link unten an.`,
    expires: (date) => `Die Einladung kann bis zum ${date} angenommen werden.`,
    action: 'Einladung annehmen',
  },
  assignmentReminder: {
    subject: 'Erinnerung: Ihr Profil ist noch nicht fertig',
    intro: (group) =>
      `Sie sind ${group} beigetreten, haben Ihr Profil aber noch nicht fertiggestellt. Machen Sie über den Link unten dort weiter, wo Sie aufgehört haben.`,
    action: 'Profil fertigstellen',
  },
};
