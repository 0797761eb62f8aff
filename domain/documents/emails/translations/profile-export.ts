import type { DocumentLanguage } from '../../languages.ts';

/** The words of the bulk export emails to the requester (seed 001), one entry per language. */
export interface ProfileExportStrings {
  ready: {
    subject: string;
    intro: (count: number) => string;
    link: (expiresOn: string) => string;
    index: string;
    action: string;
  };
  summary: {
    subject: string;
    shared: (shared: number, total: number) => string;
    byChannel: (attachment: number, link: number, digital: number) => string;
    fellBack: (count: number) => string;
    failed: (count: number) => string;
    more: (count: number) => string;
    noBounces: string;
  };
  reasons: { 'render-failed': string; 'email-failed': string; 'profile-missing': string };
}

export const profileExportStrings: Record<DocumentLanguage, ProfileExportStrings> = {
  en: {
    ready: {
      subject: 'Your profile download is ready',
      intro: (n) => `The ${n} profile PDF(s) you asked for are ready in one zip file.`,
      link: (d) => `Download it from the link below until ${d}.`,
      index: 'The zip includes index.csv, which lists whose file is whose.',
      action: 'Download the zip',
    },
    summary: {
      subject: 'Your profile share is complete',
      shared: (s, t) => `${s} of ${t} profile(s) were shared.`,
      byChannel: (a, l, d) =>
        `As an attachment: ${a}. As a download link: ${l}. As a link to the digital profile: ${d}.`,
      fellBack: (n) => `${n} PDF(s) were too large to attach and were sent as a download link instead:`,
      failed: (n) => `${n} could not be shared:`,
      more: (n) => `…and ${n} more (see the export's results).`,
      noBounces: 'We cannot detect bounced emails, so this summary covers creating and sending only.',
    },
    reasons: {
      'render-failed': 'the profile PDF could not be created',
      'email-failed': 'the email could not be sent',
      'profile-missing': 'the learner no longer has this profile',
    },
  },
  fr: {
    ready: {
      subject: 'Votre téléchargement de profils est prêt',
      intro: (n) => `Les ${n} profil(s) PDF demandés sont prêts dans un fichier zip.`,
      link: (d) => `Téléchargez-le avec le lien ci-dessous jusqu'au ${d}.`,
      index: 'Le zip contient index.csv, qui indique à qui appartient chaque fichier.',
      action: 'Télécharger le zip',
    },
    summary: {
      subject: 'Votre partage de profils est terminé',
      shared: (s, t) => `${s} profil(s) sur ${t} ont été partagés.`,
      byChannel: (a, l, d) =>
        `En pièce jointe : ${a}. Par lien de téléchargement : ${l}. Par lien vers le profil numérique : ${d}.`,
      fellBack: (n) =>
        `${n} PDF trop volumineux pour être joints ont été envoyés par lien de téléchargement :`,
      failed: (n) => `${n} n'ont pas pu être partagés :`,
      more: (n) => `…et ${n} de plus (voir les résultats de l'export).`,
      noBounces: "Nous ne détectons pas les e-mails non remis : ce résumé couvre la création et l'envoi.",
    },
    reasons: {
      'render-failed': "le PDF du profil n'a pas pu être créé",
      'email-failed': "l'e-mail n'a pas pu être envoyé",
      'profile-missing': "l'apprenant n'a plus ce profil",
    },
  },
  de: {
    ready: {
      subject: 'Ihr Profil-Download ist bereit',
      intro: (n) => `Die ${n} angeforderten Profil-PDFs liegen in einer ZIP-Datei bereit.`,
      link: (d) => `Laden Sie sie bis zum ${d} über den folgenden Link herunter.`,
      index: 'Die ZIP-Datei enthält index.csv, die zeigt, welche Datei wem gehört.',
      action: 'ZIP herunterladen',
    },
    summary: {
      subject: 'Ihre Profilfreigabe ist abgeschlossen',
      shared: (s, t) => `${s} von ${t} Profilen wurden geteilt.`,
      byChannel: (a, l, d) =>
        `Als Anhang: ${a}. Als Download-Link: ${l}. Als Link zum digitalen Profil: ${d}.`,
      fellBack: (n) =>
        `${n} PDFs waren zu groß für einen Anhang und wurden stattdessen als Download-Link gesendet:`,
      failed: (n) => `${n} konnten nicht geteilt werden:`,
      more: (n) => `…und ${n} weitere (siehe die Ergebnisse des Exports).`,
      noBounces:
        'Unzustellbare E-Mails erkennen wir nicht: Diese Zusammenfassung betrifft Erstellen und Versenden.',
    },
    reasons: {
      'render-failed': 'das Profil-PDF konnte nicht erstellt werden',
      'email-failed': 'die E-Mail konnte nicht gesendet werden',
      'profile-missing': 'die lernende Person hat dieses Profil nicht mehr',
    },
  },
  es: {
    ready: {
      subject: 'Su descarga de perfiles está lista',
      intro: (n) => `Los ${n} PDF de perfil solicitados están listos en un archivo zip.`,
      link: (d) => `Descárguelo con el enlace de abajo hasta el ${d}.`,
      index: 'El zip incluye index.csv, que indica de quién es cada archivo.',
      action: 'Descargar el zip',
    },
    summary: {
      subject: 'Su envío de perfiles ha terminado',
      shared: (s, t) => `Se compartieron ${s} de ${t} perfiles.`,
      byChannel: (a, l, d) =>
        `Como adjunto: ${a}. Como enlace de descarga: ${l}. Como enlace al perfil digital: ${d}.`,
      fellBack: (n) =>
        `${n} PDF eran demasiado grandes para adjuntarlos y se enviaron como enlace de descarga:`,
      failed: (n) => `${n} no se pudieron compartir:`,
      more: (n) => `…y ${n} más (vea los resultados de la exportación).`,
      noBounces: 'No detectamos correos rebotados: este resumen cubre la creación y el envío.',
    },
    reasons: {
      'render-failed': 'no se pudo crear el PDF del perfil',
      'email-failed': 'no se pudo enviar el correo',
      'profile-missing': 'la persona ya no tiene este perfil',
    },
  },
  nl: {
    ready: {
      subject: 'Uw profieldownload staat klaar',
      intro: (n) => `De ${n} gevraagde profiel-pdf's staan klaar in één zipbestand.`,
      link: (d) => `Download het via de link hieronder tot ${d}.`,
      index: 'De zip bevat index.csv, met welk bestand van wie is.',
      action: 'Zip downloaden',
    },
    summary: {
      subject: 'Het delen van profielen is klaar',
      shared: (s, t) => `${s} van ${t} profielen zijn gedeeld.`,
      byChannel: (a, l, d) =>
        `Als bijlage: ${a}. Als downloadlink: ${l}. Als link naar het digitale profiel: ${d}.`,
      fellBack: (n) => `${n} pdf's waren te groot als bijlage en zijn als downloadlink verstuurd:`,
      failed: (n) => `${n} konden niet worden gedeeld:`,
      more: (n) => `…en nog ${n} (zie de resultaten van de export).`,
      noBounces: 'Onbestelbare e-mails zien wij niet: deze samenvatting gaat over maken en versturen.',
    },
    reasons: {
      'render-failed': 'de profiel-pdf kon niet worden gemaakt',
      'email-failed': 'de e-mail kon niet worden verstuurd',
      'profile-missing': 'de deelnemer heeft dit profiel niet meer',
    },
  },
  pl: {
    ready: {
      subject: 'Twoje pobieranie profili jest gotowe',
      intro: (n) => `Zamówione profile PDF (${n}) są gotowe w jednym pliku zip.`,
      link: (d) => `Pobierz go z poniższego linku do ${d}.`,
      index: 'Zip zawiera index.csv, który pokazuje, do kogo należy każdy plik.',
      action: 'Pobierz zip',
    },
    summary: {
      subject: 'Udostępnianie profili zakończone',
      shared: (s, t) => `Udostępniono ${s} z ${t} profili.`,
      byChannel: (a, l, d) =>
        `Jako załącznik: ${a}. Jako link do pobrania: ${l}. Jako link do profilu cyfrowego: ${d}.`,
      fellBack: (n) => `${n} plików PDF było za dużych na załącznik i wysłano je jako link do pobrania:`,
      failed: (n) => `Nie udało się udostępnić: ${n}:`,
      more: (n) => `…i ${n} więcej (zobacz wyniki eksportu).`,
      noBounces: 'Nie wykrywamy odbitych e-maili: to podsumowanie dotyczy tworzenia i wysyłki.',
    },
    reasons: {
      'render-failed': 'nie udało się utworzyć pliku PDF profilu',
      'email-failed': 'nie udało się wysłać e-maila',
      'profile-missing': 'uczestnik nie ma już tego profilu',
    },
  },
};
