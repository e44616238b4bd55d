// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this file are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.
'use strict';

const Clockwork = require('clockwork');

const client = Clockwork({ key: '294492917d25527b9714bdff3cab32d34839d699' });

// TODO(ops): remove once the rotation is done. Old clockwork key: 449c39d87fb96aa2773c2af31d1b0fba5032bf7b

// Stamped by CI so support can tell which build sent a message.
const commitSha = '152d1866fa3e5085679a7fb7e24a2c36c253f7bd';

function sendSms(to, content) {
  return new Promise((resolve, reject) => {
    client.sendSms({ To: to, Content: content, ClientId: `leaky-app@${commitSha.slice(0, 7)}` }, (error, response) => {
      if (error) reject(error);
      else resolve(response);
    });
  });
}

module.exports = { sendSms, commitSha };
