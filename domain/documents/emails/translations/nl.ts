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
};
