import type { ProfileTranslations } from './index.ts';

// French typography puts a no-break space (U+00A0) before « : » so the colon never starts a line.
export const fr: ProfileTranslations = {
  documentTitle: 'Profil personnel',
  products: {
    introductory: 'Profil Introduction',
    expert: 'Profil Expert',
    discovery: 'Profil Découverte',
    careerGuide: 'Guide de carrière',
  },
  productTaglines: {
    introductory: 'Un premier regard sur vos préférences au travail',
    expert: 'Une analyse approfondie de vos préférences au travail',
    discovery: 'À la découverte de vos forces et de vos motivations',
  },
  cover: {
    preparedFor: 'Établi pour',
    completedOn: 'Questionnaire rempli le {date}',
    addOn: 'Module complémentaire',
  },
  headings: {
    about: 'À propos de ce profil',
    results: 'Vos résultats',
    summary: 'Synthèse',
    nextSteps: 'Prochaines étapes',
    careerGuide: 'Guide de carrière',
  },
  about: [
    'Ce profil décrit votre manière d’aborder le travail\u00a0: comment vous recueillez l’information, prenez des décisions, collaborez avec les autres et faites face au changement. Il repose sur vos propres réponses au questionnaire, comparées à celles d’un large groupe de référence.',
    'Il n’y a pas de bons ou de mauvais résultats. Chaque score reflète une préférence et non une aptitude\u00a0: un score faible indique un style tout aussi précieux qu’un score élevé. Lisez ces résultats comme un point de départ pour la réflexion et l’échange, et non comme un verdict.',
    'Vos réponses vous décrivent au moment où vous avez rempli le questionnaire. Les préférences peuvent évoluer avec le temps et les circonstances\u00a0: ce profil est donc le plus utile rapproché de votre propre expérience et du regard des personnes qui vous connaissent bien.',
  ],
  resultsIntro:
    'Chaque barre représente un score sur une échelle de 0 à 100. Plus la barre s’étend vers la droite, plus la préférence ressort nettement de vos réponses.',
  noScores: 'Aucun score n’est disponible pour ce profil.',
  nextSteps: [
    'Lisez vos résultats à tête reposée et notez les deux ou trois scores qui vous surprennent le plus.',
    'Parlez de ce profil avec votre coach ou votre praticien, qui pourra replacer les scores dans leur contexte.',
    'Choisissez, dans les semaines à venir, une situation où vous essaierez délibérément une approche différente.',
    'Revenez à ce profil dans quelques mois et observez ce qui a changé.',
  ],
  careerGuide: [
    'Votre profil comprend le Guide de carrière. Il relie vos résultats aux environnements de travail, aux fonctions et aux tâches qui correspondent généralement à vos préférences, et propose des questions à explorer lorsque vous envisagez votre prochaine étape professionnelle.',
  ],
  pageOf: 'Page {page} sur {pages}',
};
