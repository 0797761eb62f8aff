import type { ExportFailureReason } from '../../../exports/share-summary.ts';
import { perLanguage } from '../../languages.ts';

/** The words of the bulk export emails to the requester (seed 001), each sentence in every language. */
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
    deliveryTracked: string;
  };
  reasons: Record<ExportFailureReason, string>;
}

export const profileExportStrings = perLanguage<ProfileExportStrings>({
  ready: {
    subject: {
      en: 'Your profile download is ready',
      fr: 'Votre téléchargement de profils est prêt',
      de: 'Ihr Profil-Download ist bereit',
      es: 'Su descarga de perfiles está lista',
      nl: 'Uw profieldownload staat klaar',
      pl: 'Twoje pobieranie profili jest gotowe',
    },
    intro: {
      en: (n) => `The ${n} profile PDF(s) you asked for are ready in one zip file.`,
      fr: (n) => `Les ${n} profil(s) PDF demandés sont prêts dans un fichier zip.`,
      de: (n) => `Die ${n} angeforderten Profil-PDFs liegen in einer ZIP-Datei bereit.`,
      es: (n) => `Los ${n} PDF de perfil solicitados están listos en un archivo zip.`,
      nl: (n) => `De ${n} gevraagde profiel-pdf's staan klaar in één zipbestand.`,
      pl: (n) => `Zamówione profile PDF (${n}) są gotowe w jednym pliku zip.`,
    },
    link: {
      en: (d) => `Download it from the link below until ${d}.`,
      fr: (d) => `Téléchargez-le avec le lien ci-dessous jusqu'au ${d}.`,
      de: (d) => `Laden Sie sie bis zum ${d} über den folgenden Link herunter.`,
      es: (d) => `Descárguelo con el enlace de abajo hasta el ${d}.`,
      nl: (d) => `Download het via de link hieronder tot ${d}.`,
      pl: (d) => `Pobierz go z poniższego linku do ${d}.`,
    },
    index: {
      en: 'The zip includes index.csv, which lists whose file is whose.',
      fr: 'Le zip contient index.csv, qui indique à qui appartient chaque fichier.',
      de: 'Die ZIP-Datei enthält index.csv, die zeigt, welche Datei wem gehört.',
      es: 'El zip incluye index.csv, que indica de quién es cada archivo.',
      nl: 'De zip bevat index.csv, met welk bestand van wie is.',
      pl: 'Zip zawiera index.csv, który pokazuje, do kogo należy każdy plik.',
    },
    action: {
      en: 'Download the zip',
      fr: 'Télécharger le zip',
      de: 'ZIP herunterladen',
      es: 'Descargar el zip',
      nl: 'Zip downloaden',
      pl: 'Pobierz zip',
    },
  },
  summary: {
    subject: {
      en: 'Your profile share is complete',
      fr: 'Votre partage de profils est terminé',
      de: 'Ihre Profilfreigabe ist abgeschlossen',
      es: 'Su envío de perfiles ha terminado',
      nl: 'Het delen van profielen is klaar',
      pl: 'Udostępnianie profili zakończone',
    },
    shared: {
      en: (s, t) => `${s} of ${t} profile(s) were shared.`,
      fr: (s, t) => `${s} profil(s) sur ${t} ont été partagés.`,
      de: (s, t) => `${s} von ${t} Profilen wurden geteilt.`,
      es: (s, t) => `Se compartieron ${s} de ${t} perfiles.`,
      nl: (s, t) => `${s} van ${t} profielen zijn gedeeld.`,
      pl: (s, t) => `Udostępniono ${s} z ${t} profili.`,
    },
    byChannel: {
      en: (a, l, d) =>
        `As an attachment: ${a}. As a download link: ${l}. As a link to the digital profile: ${d}.`,
      fr: (a, l, d) =>
        `En pièce jointe : ${a}. Par lien de téléchargement : ${l}. Par lien vers le profil numérique : ${d}.`,
      de: (a, l, d) => `Als Anhang: ${a}. Als Download-Link: ${l}. Als Link zum digitalen Profil: ${d}.`,
      es: (a, l, d) =>
        `Como adjunto: ${a}. Como enlace de descarga: ${l}. Como enlace al perfil digital: ${d}.`,
      nl: (a, l, d) => `Als bijlage: ${a}. Als downloadlink: ${l}. Als link naar het digitale profiel: ${d}.`,
      pl: (a, l, d) =>
        `Jako załącznik: ${a}. Jako link do pobrania: ${l}. Jako link do profilu cyfrowego: ${d}.`,
    },
    fellBack: {
      en: (n) => `${n} PDF(s) were too large to attach and were sent as a download link instead:`,
      fr: (n) => `${n} PDF trop volumineux pour être joints ont été envoyés par lien de téléchargement :`,
      de: (n) =>
        `${n} PDFs waren zu groß für einen Anhang und wurden stattdessen als Download-Link gesendet:`,
      es: (n) => `${n} PDF eran demasiado grandes para adjuntarlos y se enviaron como enlace de descarga:`,
      nl: (n) => `${n} pdf's waren te groot als bijlage en zijn als downloadlink verstuurd:`,
      pl: (n) => `${n} plików PDF było za dużych na załącznik i wysłano je jako link do pobrania:`,
    },
    failed: {
      en: (n) => `${n} could not be shared:`,
      fr: (n) => `${n} n'ont pas pu être partagés :`,
      de: (n) => `${n} konnten nicht geteilt werden:`,
      es: (n) => `${n} no se pudieron compartir:`,
      nl: (n) => `${n} konden niet worden gedeeld:`,
      pl: (n) => `Nie udało się udostępnić: ${n}:`,
    },
    more: {
      en: (n) => `…and ${n} more (see the export's results).`,
      fr: (n) => `…et ${n} de plus (voir les résultats de l'export).`,
      de: (n) => `…und ${n} weitere (siehe die Ergebnisse des Exports).`,
      es: (n) => `…y ${n} más (vea los resultados de la exportación).`,
      nl: (n) => `…en nog ${n} (zie de resultaten van de export).`,
      pl: (n) => `…i ${n} więcej (zobacz wyniki eksportu).`,
    },
    deliveryTracked: {
      en: 'Bounces and complaints show in the export’s results, per learner, as they come in.',
      fr: "Les e-mails non remis et les plaintes s'affichent dans les résultats de l'export, par apprenant, dès qu'ils arrivent.",
      de: 'Unzustellbare E-Mails und Beschwerden erscheinen in den Ergebnissen des Exports, je Lernendem, sobald sie eintreffen.',
      es: 'Los rebotes y las quejas aparecen en los resultados de la exportación, por persona, a medida que llegan.',
      nl: 'Onbestelbare e-mails en klachten verschijnen per deelnemer in de resultaten van de export, zodra ze binnenkomen.',
      pl: 'Odbite e-maile i skargi pojawiają się w wynikach eksportu, dla każdej osoby, gdy tylko nadejdą.',
    },
  },
  reasons: {
    'render-failed': {
      en: 'the profile PDF could not be created',
      fr: "le PDF du profil n'a pas pu être créé",
      de: 'das Profil-PDF konnte nicht erstellt werden',
      es: 'no se pudo crear el PDF del perfil',
      nl: 'de profiel-pdf kon niet worden gemaakt',
      pl: 'nie udało się utworzyć pliku PDF profilu',
    },
    'email-failed': {
      en: 'the email could not be sent',
      fr: "l'e-mail n'a pas pu être envoyé",
      de: 'die E-Mail konnte nicht gesendet werden',
      es: 'no se pudo enviar el correo',
      nl: 'de e-mail kon niet worden verstuurd',
      pl: 'nie udało się wysłać e-maila',
    },
    'profile-missing': {
      en: 'the learner no longer has this profile',
      fr: "l'apprenant n'a plus ce profil",
      de: 'die lernende Person hat dieses Profil nicht mehr',
      es: 'la persona ya no tiene este perfil',
      nl: 'de deelnemer heeft dit profiel niet meer',
      pl: 'uczestnik nie ma już tego profilu',
    },
    abandoned: {
      en: 'the export could not be completed for this learner after several attempts',
      fr: "l'export n'a pas pu aboutir pour cet apprenant après plusieurs tentatives",
      de: 'der Export konnte für diese Person nach mehreren Versuchen nicht abgeschlossen werden',
      es: 'la exportación no pudo completarse para esta persona tras varios intentos',
      nl: 'de export kon voor deze deelnemer na meerdere pogingen niet worden voltooid',
      pl: 'nie udało się ukończyć eksportu dla tego uczestnika mimo kilku prób',
    },
  },
});
