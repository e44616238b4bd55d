// Demo for eslint-plugin-clockwork-secrets: this file holds no key at all. It mentions clockwork
// and holds a 40-hex git SHA (a generated fake), which the rule must not report.
'use strict';

// The commit of the vendored clockwork client that this build was tested against.
const clockworkCommit = '348b26ea553c7bd7278808eaabe5d9e0ce047687';

module.exports = { clockworkCommit };
