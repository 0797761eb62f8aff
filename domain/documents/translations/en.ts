import type { ProfileTranslations } from './index.ts';

export const en: ProfileTranslations = {
  documentTitle: 'Personal profile',
  products: {
    introductory: 'Introductory Profile',
    expert: 'Expert Profile',
    discovery: 'Discovery Profile',
    careerGuide: 'Career Guide',
  },
  productTaglines: {
    introductory: 'A first look at your preferences at work',
    expert: 'An in-depth view of your preferences at work',
    discovery: 'Explore your strengths and motivations',
  },
  cover: {
    preparedFor: 'Prepared for',
    completedOn: 'Questionnaire completed on {date}',
    addOn: 'Add-on',
  },
  headings: {
    about: 'About this profile',
    results: 'Your results',
    summary: 'Summary',
    nextSteps: 'Next steps',
    careerGuide: 'Career guide',
  },
  about: [
    'This profile describes how you tend to approach your work: how you take in information, make decisions, work with others and deal with change. It is based on your own answers to the questionnaire, compared with those of a large reference group.',
    'There are no good or bad results. Each score shows a preference, not an ability: a low score points to a style that is just as valuable as a high one. Read the results as a starting point for reflection and conversation, not as a verdict.',
    'Your answers describe you at the moment you completed the questionnaire. Preferences can shift over time and with circumstances, so the profile is most useful alongside your own experience and the feedback of people who know you well.',
  ],
  resultsIntro:
    'Each bar shows one score on a scale from 0 to 100. The further the bar reaches to the right, the more strongly the preference showed in your answers.',
  noScores: 'No scores are available for this profile.',
  nextSteps: [
    'Read your results calmly and note the two or three scores that surprise you most.',
    'Talk the profile through with your coach or practitioner, who can put the scores in context.',
    'Pick one situation in the coming weeks in which you deliberately try a different approach.',
    'Come back to this profile in a few months and see what has changed.',
  ],
  careerGuide: [
    'Your profile includes the Career Guide. It links your results to work environments, roles and tasks that tend to suit your preferences, and suggests questions to explore when you weigh your next career move.',
  ],
  pageOf: 'Page {page} of {pages}',
};
