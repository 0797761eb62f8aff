import { perLanguage } from '../../languages.ts';
import type { EmailStrings } from './types.ts';

/** The words of the emails this service sends, sentence by sentence in every language. */
export const emailStrings = perLanguage<EmailStrings>({
  greeting: {
    en: (name) => `Hello ${name},`,
    fr: (name) => `Bonjour ${name},`,
    de: (name) => `Hallo ${name},`,
    es: (name) => `Hola, ${name}:`,
    nl: (name) => `Hallo ${name},`,
    pl: (name) => `Dzień dobry, ${name},`,
  },
  signOff: {
    en: 'Best wishes,\nThe Profiles team',
    fr: "Bien cordialement,\nL'équipe Profiles",
    de: 'Viele Grüße\nIhr Profiles-Team',
    es: 'Un saludo,\nEl equipo de Profiles',
    nl: 'Met vriendelijke groet,\nHet Profiles-team',
    pl: 'Pozdrawiamy,\nZespół Profiles',
  },
  help: {
    en: (support) => `Questions? Write to ${support}.`,
    fr: (support) => `Une question ? Écrivez à ${support}.`,
    de: (support) => `Fragen? Schreiben Sie an ${support}.`,
    es: (support) => `¿Preguntas? Escriba a ${support}.`,
    nl: (support) => `Vragen? Schrijf naar ${support}.`,
    pl: (support) => `Pytania? Napisz na ${support}.`,
  },
  profileShare: {
    subject: {
      en: 'Your profile is ready',
      fr: 'Votre profil est prêt',
      de: 'Ihr Profil ist fertig',
      es: 'Su perfil está listo',
      nl: 'Je profiel staat klaar',
      pl: 'Twój profil jest gotowy',
    },
    intro: {
      en: 'Your personal profile has been shared with you.',
      fr: 'Votre profil personnel a été partagé avec vous.',
      de: 'Ihr persönliches Profil wurde mit Ihnen geteilt.',
      es: 'Se ha compartido con usted su perfil personal.',
      nl: 'Je persoonlijke profiel is met je gedeeld.',
      pl: 'Udostępniono Ci Twój osobisty profil.',
    },
    attached: {
      en: 'You will find it attached to this email as a PDF.',
      fr: 'Vous le trouverez en pièce jointe de cet e-mail, au format PDF.',
      de: 'Sie finden es als PDF im Anhang dieser E-Mail.',
      es: 'Lo encontrará adjunto a este correo en PDF.',
      nl: 'Je vindt het als pdf in de bijlage van deze e-mail.',
      pl: 'Znajdziesz go w załączniku do tej wiadomości jako plik PDF.',
    },
    link: {
      en: (expiresOn) => `Download it with the link below (valid until ${expiresOn}).`,
      fr: (expiresOn) => `Téléchargez-le avec le lien ci-dessous (valable jusqu’au ${expiresOn}).`,
      de: (expiresOn) => `Laden Sie es über den Link unten herunter (gültig bis ${expiresOn}).`,
      es: (expiresOn) => `Descárguelo con el enlace de abajo (válido hasta el ${expiresOn}).`,
      nl: (expiresOn) => `Download het via de link hieronder (geldig tot ${expiresOn}).`,
      pl: (expiresOn) => `Pobierz go, korzystając z poniższego linku (ważny do ${expiresOn}).`,
    },
    linkAction: {
      en: 'Download your profile',
      fr: 'Télécharger votre profil',
      de: 'Profil herunterladen',
      es: 'Descargar su perfil',
      nl: 'Profiel downloaden',
      pl: 'Pobierz swój profil',
    },
    digital: {
      en: 'Open your digital profile with the link below.',
      fr: 'Ouvrez votre profil numérique avec le lien ci-dessous.',
      de: 'Öffnen Sie Ihr digitales Profil über den Link unten.',
      es: 'Abra su perfil digital con el enlace de abajo.',
      nl: 'Open je digitale profiel via de link hieronder.',
      pl: 'Otwórz swój profil cyfrowy, korzystając z poniższego linku.',
    },
    digitalAction: {
      en: 'Open your digital profile',
      fr: 'Ouvrir votre profil numérique',
      de: 'Digitales Profil öffnen',
      es: 'Abrir su perfil digital',
      nl: 'Digitaal profiel openen',
      pl: 'Otwórz profil cyfrowy',
    },
    tooLargeForAttachment: {
      en: 'The PDF was too large to attach, so here is a download link instead.',
      fr: 'Le PDF était trop volumineux pour être joint : voici un lien de téléchargement.',
      de: 'Das PDF war zu groß für einen Anhang, daher erhalten Sie einen Download-Link.',
      es: 'El PDF era demasiado grande para adjuntarlo; aquí tiene un enlace de descarga.',
      nl: 'De pdf was te groot om bij te voegen, daarom krijg je een downloadlink.',
      pl: 'Plik PDF był za duży, by go załączyć, dlatego przesyłamy link do pobrania.',
    },
  },
  invitationReminder: {
    subject: {
      en: (inviter) => `Reminder: ${inviter} invited you to complete your profile`,
      fr: (inviter) => `Rappel : ${inviter} vous a invité à compléter votre profil`,
      de: (inviter) => `Erinnerung: ${inviter} hat Sie eingeladen, Ihr Profil auszufüllen`,
      es: (inviter) => `Recordatorio: ${inviter} le invitó a completar su perfil`,
      nl: (inviter) => `Herinnering: ${inviter} heeft u uitgenodigd uw profiel in te vullen`,
      pl: (inviter) => `Przypomnienie: ${inviter} zaprasza Cię do wypełnienia profilu`,
    },
    intro: {
      en: (inviter) =>
        `${inviter} invited you to complete a profile and is still waiting for you. Sign in with this email address and accept the invitation with the link below.`,
      fr: (inviter) =>
        `${inviter} vous a invité à compléter un profil et vous attend toujours. Connectez-vous avec cette adresse e-mail et acceptez l’invitation avec le lien ci-dessous.`,
      de: (inviter) =>
        `${inviter} hat Sie eingeladen, ein Profil auszufüllen, und wartet noch auf Sie. Melden Sie sich mit dieser E-Mail-Adresse an und nehmen Sie die Einladung über den Link unten an.`,
      es: (inviter) =>
        `${inviter} le invitó a completar un perfil y todavía le espera. Inicie sesión con esta dirección de correo y acepte la invitación con el enlace de abajo.`,
      nl: (inviter) =>
        `${inviter} heeft u uitgenodigd een profiel in te vullen en wacht nog op u. Meld u aan met dit e-mailadres en accepteer de uitnodiging via de link hieronder.`,
      pl: (inviter) =>
        `${inviter} zaprosił Cię do wypełnienia profilu i wciąż na Ciebie czeka. Zaloguj się tym adresem e-mail i przyjmij zaproszenie, korzystając z linku poniżej.`,
    },
    expires: {
      en: (date) => `The invitation can be accepted until ${date}.`,
      fr: (date) => `L’invitation peut être acceptée jusqu’au ${date}.`,
      de: (date) => `Die Einladung kann bis zum ${date} angenommen werden.`,
      es: (date) => `La invitación puede aceptarse hasta el ${date}.`,
      nl: (date) => `De uitnodiging kan worden geaccepteerd tot ${date}.`,
      pl: (date) => `Zaproszenie można przyjąć do ${date}.`,
    },
    action: {
      en: 'Accept the invitation',
      fr: 'Accepter l’invitation',
      de: 'Einladung annehmen',
      es: 'Aceptar la invitación',
      nl: 'Uitnodiging accepteren',
      pl: 'Przyjmij zaproszenie',
    },
  },
  assignmentReminder: {
    subject: {
      en: 'Reminder: your profile is not finished yet',
      fr: 'Rappel : votre profil n’est pas encore terminé',
      de: 'Erinnerung: Ihr Profil ist noch nicht fertig',
      es: 'Recordatorio: su perfil aún no está terminado',
      nl: 'Herinnering: uw profiel is nog niet af',
      pl: 'Przypomnienie: Twój profil nie jest jeszcze ukończony',
    },
    intro: {
      en: (group) =>
        `You joined ${group} but have not finished your profile yet. Pick up where you left off with the link below.`,
      fr: (group) =>
        `Vous avez rejoint ${group} mais votre profil n’est pas encore terminé. Reprenez là où vous en étiez avec le lien ci-dessous.`,
      de: (group) =>
        `Sie sind ${group} beigetreten, haben Ihr Profil aber noch nicht fertiggestellt. Machen Sie über den Link unten dort weiter, wo Sie aufgehört haben.`,
      es: (group) =>
        `Se unió a ${group} pero aún no ha terminado su perfil. Continúe donde lo dejó con el enlace de abajo.`,
      nl: (group) =>
        `U bent lid geworden van ${group} maar uw profiel is nog niet af. Ga verder waar u gebleven was via de link hieronder.`,
      pl: (group) =>
        `Dołączyłeś do grupy ${group}, ale Twój profil nie jest jeszcze ukończony. Kontynuuj od miejsca, w którym skończyłeś, korzystając z linku poniżej.`,
    },
    action: {
      en: 'Finish your profile',
      fr: 'Terminer votre profil',
      de: 'Profil fertigstellen',
      es: 'Terminar su perfil',
      nl: 'Profiel afmaken',
      pl: 'Ukończ profil',
    },
  },
});
