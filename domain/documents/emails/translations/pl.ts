import type { EmailStrings } from './types.ts';

export const pl: EmailStrings = {
  greeting: (name) => `Dzień dobry, ${name},`,
  signOff: 'Pozdrawiamy,\nZespół Profiles',
  help: (support) => `Pytania? Napisz na ${support}.`,
  profileShare: {
    subject: 'Twój profil jest gotowy',
    intro: 'Udostępniono Ci Twój osobisty profil.',
    attached: 'Znajdziesz go w załączniku do tej wiadomości jako plik PDF.',
    link: (expiresOn) => `Pobierz go, korzystając z poniższego linku (ważny do ${expiresOn}).`,
    linkAction: 'Pobierz swój profil',
    digital: 'Otwórz swój profil cyfrowy, korzystając z poniższego linku.',
    digitalAction: 'Otwórz profil cyfrowy',
    tooLargeForAttachment: 'Plik PDF był za duży, by go załączyć, dlatego przesyłamy link do pobrania.',
  },
  invitationReminder: {
    subject: (inviter) => `Przypomnienie: ${inviter} zaprasza Cię do wypełnienia profilu`,
    intro: (inviter) =>
      `${inviter} zaprosił Cię do wypełnienia profilu i wciąż na Ciebie czeka. Zaloguj się tym adresem e-mail i przyjmij zaproszenie, korzystając z linku poniżej.`,
    expires: (date) => `Zaproszenie można przyjąć do ${date}.`,
    action: 'Przyjmij zaproszenie',
  },
  assignmentReminder: {
    subject: 'Przypomnienie: Twój profil nie jest jeszcze ukończony',
    intro: (group) =>
      `Dołączyłeś do grupy ${group}, ale Twój profil nie jest jeszcze ukończony. Kontynuuj od miejsca, w którym skończyłeś, korzystając z linku poniżej.`,
    action: 'Ukończ profil',
  },
};
