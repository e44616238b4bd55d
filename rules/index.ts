import noHardcodedKey from './no-hardcoded-key.js';

export const rules = {
  'no-hardcoded-key': noHardcodedKey,
};
