// Demo for eslint-plugin-clockwork-secrets: this file holds no key. It reads the key from the
// environment, as it should, and then prints it: a key in the server's logs leaks as surely as one
// in the source. no-key-in-logs reports the console.log below.
'use strict';

function logStartup() {
  console.log('clockwork key', process.env.CLOCKWORK_API_KEY);
}

module.exports = { logStartup };
