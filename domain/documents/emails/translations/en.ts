import type { EmailStrings } from './types.ts';

export const en: EmailStrings = {
  greeting: (name) => `Hello ${name},`,
  signOff: 'Best wishes,\nThe Profiles team',
  help: (support) => `Questions? Write to ${support}.`,
  profileShare: {
    subject: 'Your profile is ready',
    intro: 'Your personal profile has been shared with you.',
    attached: 'You will find it attached to this email as a PDF.',
    link: (expiresOn) => `Download it with the link below (valid until ${expiresOn}).`,
    linkAction: 'Download your profile',
    digital: 'Open your digital profile with the link below.',
    digitalAction: 'Open your digital profile',
    tooLargeForAttachment: 'The PDF was too large to attach, so here is a download link instead.',
  },
};
