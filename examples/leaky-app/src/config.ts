// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this file are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.

export interface ClockworkSettings {
  apiKey: string;
  from: string;
}

type Environment = 'production' | 'staging' | 'test';

export const BUILD_COMMIT = '08092dbcd1cf258ea2a9cbc46cc8eddab0dd9218';

const settings: Record<Environment, { clockwork: ClockworkSettings }> = {
  production: { clockwork: { apiKey: '773244bac2c19d1a343041bfc8872bb4e751b9e5', from: 'LeakyApp' } },
  staging: { clockwork: { apiKey: 'your clockwork key here', from: 'LeakyStage' } },
  test: { clockwork: { apiKey: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', from: 'LeakyTest' } },
};

const environment = (process.env.NODE_ENV ?? 'production') as Environment;

export default settings[environment];
