// Imported first by main.ts, before anything loads React: React (which renders the school
// survey's pages) and Express pick their fast production builds unless NODE_ENV says otherwise.
// Tests run the server with NODE_ENV=test, which keeps React's development checks.
process.env.NODE_ENV ??= 'production';
