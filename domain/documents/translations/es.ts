import type { ProfileTranslations } from './index.ts';

export const es: ProfileTranslations = {
  documentTitle: 'Perfil personal',
  products: {
    introductory: 'Perfil introductorio',
    expert: 'Perfil experto',
    discovery: 'Perfil de descubrimiento',
    careerGuide: 'Guía de carrera',
  },
  productTaglines: {
    introductory: 'Una primera mirada a sus preferencias en el trabajo',
    expert: 'Un análisis en profundidad de sus preferencias en el trabajo',
    discovery: 'Descubra sus fortalezas y motivaciones',
  },
  cover: {
    preparedFor: 'Preparado para',
    completedOn: 'Cuestionario completado el {date}',
    addOn: 'Complemento',
  },
  headings: {
    about: 'Acerca de este perfil',
    results: 'Sus resultados',
    summary: 'Resumen',
    nextSteps: 'Próximos pasos',
    careerGuide: 'Guía de carrera',
  },
  about: [
    'Este perfil describe cómo suele abordar su trabajo: cómo recoge información, toma decisiones, colabora con otras personas y afronta el cambio. Se basa en sus propias respuestas al cuestionario, comparadas con las de un amplio grupo de referencia.',
    'No hay resultados buenos ni malos. Cada puntuación refleja una preferencia, no una capacidad: una puntuación baja indica un estilo tan valioso como una alta. Lea los resultados como un punto de partida para la reflexión y el diálogo, no como un veredicto.',
    'Sus respuestas le describen en el momento en que completó el cuestionario. Las preferencias pueden cambiar con el tiempo y las circunstancias, por lo que el perfil resulta más útil junto con su propia experiencia y la opinión de personas que le conocen bien.',
  ],
  resultsIntro:
    'Cada barra muestra una puntuación en una escala de 0 a 100. Cuanto más se extiende la barra hacia la derecha, con más claridad se manifestó la preferencia en sus respuestas.',
  noScores: 'No hay puntuaciones disponibles para este perfil.',
  nextSteps: [
    'Lea sus resultados con calma y anote las dos o tres puntuaciones que más le sorprendan.',
    'Comente el perfil con su coach o profesional de referencia, que podrá situar las puntuaciones en contexto.',
    'Elija una situación de las próximas semanas en la que ponga a prueba, de forma deliberada, un enfoque distinto.',
    'Vuelva a este perfil dentro de unos meses y observe qué ha cambiado.',
  ],
  careerGuide: [
    'Su perfil incluye la Guía de carrera. Relaciona sus resultados con entornos de trabajo, funciones y tareas que suelen encajar con sus preferencias, y propone preguntas que explorar cuando valore su próximo paso profesional.',
  ],
  pageOf: 'Página {page} de {pages}',
};
