import noHardcodedKey from './no-hardcoded-key.js';
import noKeyInLogs from './no-key-in-logs.js';
import noPublicEnvKey from './no-public-env-key.js';

export const rules = {
  'no-hardcoded-key': noHardcodedKey,
  'no-key-in-logs': noKeyInLogs,
  'no-public-env-key': noPublicEnvKey,
};
