/** The words of the emails this service sends, one file per language. */
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
}
