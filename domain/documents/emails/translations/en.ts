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
  invitationReminder: {
    subject: (inviter) => `Reminder: ${inviter} invited you to complete your profile`,
    intro: (inviter) =>
      `${inviter} invited you to complete a profile and is still waiting for you. Sign in with this email address and accept the invitation with the link below.`,
    expires: (date) => `The invitation can be accepted until ${date}.`,
    action: 'Accept the invitation',
  },
  assignmentReminder: {
    subject: 'Reminder: your profile is not finished yet',
    intro: (group) =>
      `You joined ${group} but have not finished your profile yet. Pick up where you left off with the link below.`,
    action: 'Finish your profile',
  },
};
