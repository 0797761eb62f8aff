/**
 * Profile results as the assessment platform posts them. Free of the test runner, so the benches
 * (run with tsx) seed the same results as the integration tests.
 */
export const sampleResults = {
  scores: [
    { key: 'red', label: 'Fiery Red', value: 72 },
    { key: 'blue', label: 'Cool Blue', value: 41 },
    { key: 'green', label: 'Earth Green', value: 55 },
    { key: 'yellow', label: 'Sunshine Yellow', value: 63 },
  ],
  summary: 'Direct, energetic and goal-focused.',
};
