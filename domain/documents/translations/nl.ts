import type { ProfileTranslations } from './index.ts';

export const nl: ProfileTranslations = {
  documentTitle: 'Persoonlijk profiel',
  products: {
    introductory: 'Introductieprofiel',
    expert: 'Expertprofiel',
    discovery: 'Ontdekkingsprofiel',
    careerGuide: 'Loopbaangids',
  },
  productTaglines: {
    introductory: 'Een eerste blik op uw voorkeuren in het werk',
    expert: 'Een diepgaande kijk op uw voorkeuren in het werk',
    discovery: 'Ontdek uw sterke punten en drijfveren',
  },
  cover: {
    preparedFor: 'Opgesteld voor',
    completedOn: 'Vragenlijst ingevuld op {date}',
    addOn: 'Aanvulling',
  },
  headings: {
    about: 'Over dit profiel',
    results: 'Uw resultaten',
    summary: 'Samenvatting',
    nextSteps: 'Volgende stappen',
    careerGuide: 'Loopbaangids',
  },
  about: [
    'Dit profiel beschrijft hoe u uw werk doorgaans aanpakt: hoe u informatie opneemt, beslissingen neemt, met anderen samenwerkt en met verandering omgaat. Het is gebaseerd op uw eigen antwoorden op de vragenlijst, vergeleken met die van een grote referentiegroep.',
    'Er bestaan geen goede of slechte uitkomsten. Elke score geeft een voorkeur weer, geen vaardigheid: een lage score wijst op een even waardevolle stijl als een hoge. Lees de resultaten als vertrekpunt voor reflectie en gesprek, niet als oordeel.',
    'Uw antwoorden beschrijven u op het moment dat u de vragenlijst invulde. Voorkeuren kunnen veranderen met de tijd en de omstandigheden. Het profiel is daarom het nuttigst naast uw eigen ervaring en de feedback van mensen die u goed kennen.',
  ],
  resultsIntro:
    'Elke balk toont één score op een schaal van 0 tot 100. Hoe verder de balk naar rechts reikt, hoe duidelijker de voorkeur in uw antwoorden naar voren kwam.',
  noScores: 'Voor dit profiel zijn geen scores beschikbaar.',
  nextSteps: [
    'Lees uw resultaten rustig door en noteer de twee of drie scores die u het meest verrassen.',
    'Bespreek het profiel met uw coach of begeleider, die de scores in hun context kan plaatsen.',
    'Kies voor de komende weken een situatie waarin u bewust een andere aanpak uitprobeert.',
    'Kijk over een paar maanden opnieuw naar dit profiel en ga na wat er veranderd is.',
  ],
  careerGuide: [
    'Uw profiel bevat de Loopbaangids. Die verbindt uw resultaten met werkomgevingen, rollen en taken die doorgaans bij uw voorkeuren passen, en reikt vragen aan om te verkennen wanneer u uw volgende loopbaanstap overweegt.',
  ],
  pageOf: 'Pagina {page} van {pages}',
};
