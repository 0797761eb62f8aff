import type { DocumentLanguage } from '../../languages.ts';

/** The words of the course-assignment email (seed 002), one entry per language. */
export interface CourseAssignmentStrings {
  subject: (title: string) => string;
  intro: (clientName: string, kind: string, title: string) => string;
  kinds: { onboarding: string; learn: string };
  due: (dueOn: string) => string;
  start: string;
}

export const courseAssignmentStrings: Record<DocumentLanguage, CourseAssignmentStrings> = {
  en: {
    subject: (title) => `New course: ${title}`,
    intro: (client, kind, title) => `${client} has issued you the ${kind} “${title}”.`,
    kinds: { onboarding: 'onboarding course', learn: 'learning course' },
    due: (dueOn) => `Please complete it by ${dueOn}.`,
    start: 'Sign in to start it whenever you are ready.',
  },
  fr: {
    subject: (title) => `Nouveau cours : ${title}`,
    intro: (client, kind, title) => `${client} vous a attribué le ${kind} « ${title} ».`,
    kinds: { onboarding: "cours d'intégration", learn: "cours d'apprentissage" },
    due: (dueOn) => `Merci de le terminer avant le ${dueOn}.`,
    start: 'Connectez-vous pour le commencer quand vous le souhaitez.',
  },
  de: {
    subject: (title) => `Neuer Kurs: ${title}`,
    intro: (client, kind, title) => `${client} hat Ihnen den ${kind} „${title}“ zugewiesen.`,
    kinds: { onboarding: 'Onboarding-Kurs', learn: 'Lernkurs' },
    due: (dueOn) => `Bitte schließen Sie ihn bis zum ${dueOn} ab.`,
    start: 'Melden Sie sich an, um ihn zu beginnen, wann immer Sie bereit sind.',
  },
  es: {
    subject: (title) => `Nuevo curso: ${title}`,
    intro: (client, kind, title) => `${client} le ha asignado el ${kind} «${title}».`,
    kinds: { onboarding: 'curso de incorporación', learn: 'curso de aprendizaje' },
    due: (dueOn) => `Complételo antes del ${dueOn}.`,
    start: 'Inicie sesión para empezarlo cuando quiera.',
  },
  nl: {
    subject: (title) => `Nieuwe cursus: ${title}`,
    intro: (client, kind, title) => `${client} heeft u de ${kind} ‘${title}’ toegewezen.`,
    kinds: { onboarding: 'onboardingcursus', learn: 'leercursus' },
    due: (dueOn) => `Rond deze af vóór ${dueOn}.`,
    start: 'Meld u aan om te beginnen wanneer u er klaar voor bent.',
  },
  pl: {
    subject: (title) => `Nowy kurs: ${title}`,
    intro: (client, kind, title) => `${client} przydzielił(a) Ci ${kind} „${title}”.`,
    kinds: { onboarding: 'kurs wdrożeniowy', learn: 'kurs szkoleniowy' },
    due: (dueOn) => `Ukończ go do ${dueOn}.`,
    start: 'Zaloguj się, aby go rozpocząć, kiedy tylko zechcesz.',
  },
};
