/** The words of the emails this service sends (index.ts holds them, each sentence in every language). */
export interface EmailStrings {
  greeting: (name: string) => string;
  signOff: string;
  help: (support: string) => string;
  profileShare: {
    subject: string;
    intro: string;
    attached: string;
    link: (expiresOn: string) => string;
    linkAction: string;
    digital: string;
    digitalAction: string;
    tooLargeForAttachment: string;
  };
  /** A reminder of an invitation not yet accepted, with the same accept link. */
  invitationReminder: {
    subject: (inviter: string) => string;
    intro: (inviter: string) => string;
    expires: (date: string) => string;
    action: string;
  };
  /** A reminder to a group member whose profile is not finished yet. */
  assignmentReminder: {
    subject: string;
    intro: (group: string) => string;
    action: string;
  };
}
