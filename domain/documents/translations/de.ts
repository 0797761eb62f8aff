import type { ProfileTranslations } from './index.ts';

export const de: ProfileTranslations = {
  documentTitle: 'Persönliches Profil',
  products: {
    introductory: 'Einstiegsprofil',
    expert: 'Expertenprofil',
    discovery: 'Entdeckungsprofil',
    careerGuide: 'Karriereleitfaden',
  },
  productTaglines: {
    introductory: 'Ein erster Blick auf Ihre Präferenzen im Beruf',
    expert: 'Eine vertiefte Betrachtung Ihrer Präferenzen im Beruf',
    discovery: 'Entdecken Sie Ihre Stärken und Motivationen',
  },
  cover: {
    preparedFor: 'Erstellt für',
    completedOn: 'Fragebogen ausgefüllt am {date}',
    addOn: 'Zusatzmodul',
  },
  headings: {
    about: 'Über dieses Profil',
    results: 'Ihre Ergebnisse',
    summary: 'Zusammenfassung',
    nextSteps: 'Nächste Schritte',
    careerGuide: 'Karriereleitfaden',
  },
  about: [
    'Dieses Profil beschreibt, wie Sie Ihre Arbeit typischerweise angehen: wie Sie Informationen aufnehmen, Entscheidungen treffen, mit anderen zusammenarbeiten und mit Veränderungen umgehen. Es beruht auf Ihren eigenen Antworten im Fragebogen, verglichen mit denen einer großen Referenzgruppe.',
    'Es gibt keine guten oder schlechten Ergebnisse. Jeder Wert zeigt eine Präferenz, keine Fähigkeit: Ein niedriger Wert steht für einen ebenso wertvollen Stil wie ein hoher. Verstehen Sie die Ergebnisse als Ausgangspunkt für Nachdenken und Gespräch, nicht als Urteil.',
    'Ihre Antworten beschreiben Sie zu dem Zeitpunkt, an dem Sie den Fragebogen ausgefüllt haben. Präferenzen können sich mit der Zeit und den Umständen verändern. Am hilfreichsten ist das Profil daher zusammen mit Ihrer eigenen Erfahrung und den Rückmeldungen von Menschen, die Sie gut kennen.',
  ],
  resultsIntro:
    'Jeder Balken zeigt einen Wert auf einer Skala von 0 bis 100. Je weiter der Balken nach rechts reicht, desto deutlicher zeigte sich die Präferenz in Ihren Antworten.',
  noScores: 'Für dieses Profil liegen keine Werte vor.',
  nextSteps: [
    'Lesen Sie Ihre Ergebnisse in Ruhe und notieren Sie die zwei oder drei Werte, die Sie am meisten überraschen.',
    'Besprechen Sie das Profil mit Ihrem Coach, der die Werte für Sie einordnen kann.',
    'Wählen Sie für die kommenden Wochen eine Situation, in der Sie bewusst einen anderen Ansatz ausprobieren.',
    'Nehmen Sie sich das Profil in einigen Monaten wieder vor und achten Sie darauf, was sich verändert hat.',
  ],
  careerGuide: [
    'Ihr Profil enthält den Karriereleitfaden. Er verbindet Ihre Ergebnisse mit Arbeitsumfeldern, Rollen und Aufgaben, die in der Regel zu Ihren Präferenzen passen, und schlägt Fragen vor, die Sie bei Ihrem nächsten beruflichen Schritt bedenken können.',
  ],
  pageOf: 'Seite {page} von {pages}',
};
