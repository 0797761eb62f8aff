import type { ProfileTranslations } from './index.ts';

export const pl: ProfileTranslations = {
  documentTitle: 'Profil osobisty',
  products: {
    introductory: 'Profil wprowadzający',
    expert: 'Profil ekspercki',
    discovery: 'Profil odkrywczy',
    careerGuide: 'Przewodnik kariery',
  },
  productTaglines: {
    introductory: 'Pierwsze spojrzenie na Twoje preferencje w pracy',
    expert: 'Pogłębiona analiza Twoich preferencji w pracy',
    discovery: 'Odkryj swoje mocne strony i motywacje',
  },
  cover: {
    preparedFor: 'Przygotowano dla',
    completedOn: 'Kwestionariusz wypełniono {date}',
    addOn: 'Dodatek',
  },
  headings: {
    about: 'O tym profilu',
    results: 'Twoje wyniki',
    summary: 'Podsumowanie',
    nextSteps: 'Kolejne kroki',
    careerGuide: 'Przewodnik kariery',
  },
  about: [
    'Ten profil opisuje, jak zwykle podchodzisz do pracy: w jaki sposób zbierasz informacje, podejmujesz decyzje, współpracujesz z innymi i radzisz sobie ze zmianą. Opiera się na Twoich własnych odpowiedziach w kwestionariuszu, porównanych z odpowiedziami dużej grupy odniesienia.',
    'Nie ma dobrych ani złych wyników. Każdy wynik pokazuje preferencję, a nie umiejętność: niski wynik oznacza styl równie wartościowy jak wysoki. Traktuj wyniki jako punkt wyjścia do refleksji i rozmowy, a nie jako werdykt.',
    'Twoje odpowiedzi opisują Cię w chwili wypełniania kwestionariusza. Preferencje mogą zmieniać się z czasem i w zależności od okoliczności, dlatego profil jest najbardziej przydatny w połączeniu z Twoim własnym doświadczeniem i opiniami osób, które dobrze Cię znają.',
  ],
  resultsIntro:
    'Każdy pasek przedstawia jeden wynik na skali od 0 do 100. Im dalej w prawo sięga pasek, tym wyraźniej dana preferencja zaznaczyła się w Twoich odpowiedziach.',
  noScores: 'Dla tego profilu nie ma dostępnych wyników.',
  nextSteps: [
    'Przeczytaj spokojnie swoje wyniki i zanotuj dwa lub trzy, które najbardziej Cię zaskoczyły.',
    'Porozmawiaj o profilu ze swoim coachem lub konsultantem, który pomoże osadzić wyniki w kontekście.',
    'Wybierz w najbliższych tygodniach jedną sytuację, w której świadomie wypróbujesz inne podejście.',
    'Wróć do tego profilu za kilka miesięcy i sprawdź, co się zmieniło.',
  ],
  careerGuide: [
    'Twój profil obejmuje Przewodnik kariery. Łączy on Twoje wyniki ze środowiskami pracy, rolami i zadaniami, które zwykle odpowiadają Twoim preferencjom, oraz podsuwa pytania warte rozważenia przy planowaniu kolejnego kroku zawodowego.',
  ],
  pageOf: 'Strona {page} z {pages}',
};
