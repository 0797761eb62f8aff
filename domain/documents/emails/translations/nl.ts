import type { EmailStrings } from './types.ts';

export const nl: EmailStrings = {
  greeting: (name) => `Hallo ${name},`,
  signOff: 'Met vriendelijke groet,\nHet Profiles-team',
  help: (support) => `Vragen? Schrijf naar ${support}.`,
  profileShare: {
    subject: 'Je profiel staat klaar',
    intro: 'Je persoonlijke profiel is met je gedeeld.',
    attached: 'Je vindt het als pdf in de bijlage van deze e-mail.',
    link: (expiresOn) => `Download het via de link hieronder (geldig tot ${expiresOn}).`,
    linkAction: 'Profiel downloaden',
    digital: 'Open je digitale profiel via de link hieronder.',
    digitalAction: 'Digitaal profiel openen',
    tooLargeForAttachment: 'De pdf was te groot om bij te voegen, daarom krijg je een downloadlink.',
  },
  invitationReminder: {
    subject: (inviter) => `Herinnering: ${inviter} heeft u uitgenodigd uw profiel in te vullen`,
    intro: (inviter) =>
      `${inviter} heeft u uitgenodigd een profiel in te vullen en wacht nog op u. Meld u aan met dit e-mailadres en accepteer de uitnodiging via de link hieronder.`,
    expires: (date) => `De uitnodiging kan worden geaccepteerd tot ${date}.`,
    action: 'Uitnodiging accepteren',
  },
  assignmentReminder: {
    subject: 'Herinnering: uw profiel is nog niet af',
    intro: (group) =>
      `U bent lid geworden van ${group} maar uw profiel is nog niet af. Ga verder waar u gebleven was via de link hieronder.`,
    action: 'Profiel afmaken',
  },
};
