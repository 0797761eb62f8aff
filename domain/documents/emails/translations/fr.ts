import type { EmailStrings } from './types.ts';

export const fr: EmailStrings = {
  greeting: (name) => `Bonjour ${name},`,
  signOff: "Bien cordialement,\nL'équipe Profiles",
  help: (support) => `Une question ? Écrivez à ${support}.`,
  profileShare: {
    subject: 'Votre profil est prêt',
    intro: 'Votre profil personnel a été partagé avec vous.',
    attached: 'Vous le trouverez en pièce jointe de cet e-mail, au format PDF.',
    link: (expiresOn) => `Téléchargez-le avec le lien ci-dessous (valable jusqu’au ${expiresOn}).`,
    linkAction: 'Télécharger votre profil',
    digital: 'Ouvrez votre profil numérique avec le lien ci-dessous.',
    digitalAction: 'Ouvrir votre profil numérique',
    tooLargeForAttachment: 'Le PDF était trop volumineux pour être joint : voici un lien de téléchargement.',
  },
  invitationReminder: {
    subject: (inviter) => `Rappel : ${inviter} vous a invité à compléter votre profil`,
    intro: (inviter) =>
      `${inviter} vous a invité à compléter un profil et vous attend toujours. Connectez-vous avec cette adresse e-mail et acceptez l’invitation avec le lien ci-dessous.`,
    expires: (date) => `L’invitation peut être acceptée jusqu’au ${date}.`,
    action: 'Accepter l’invitation',
  },
  assignmentReminder: {
    subject: 'Rappel : votre profil n’est pas encore terminé',
    intro: (group) =>
      `Vous avez rejoint ${group} mais votre profil n’est pas encore terminé. Reprenez là où vous en étiez avec le lien ci-dessous.`,
    action: 'Terminer votre profil',
  },
};
