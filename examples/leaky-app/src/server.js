// Demo for eslint-plugin-clockwork-secrets: the Clockwork keys in this app are generated fakes
// (sha1 of "leaky-app fake key N"), planted for the linter to find. Nothing here is a real credential.
'use strict';

const express = require('express');
const { sendSms } = require('./sms');
const { clockworkCommit } = require('./version');

const app = express();
app.use(express.json());

app.post('/sms', async (req, res) => {
  try {
    const result = await sendSms(req.body.to, req.body.message);
    res.json({ id: result.MessageID });
  } catch (error) {
    res.status(502).json({ error: 'SMS could not be sent' });
  }
});

app.get('/version', (req, res) => {
  res.json({ clockworkCommit });
});

app.listen(process.env.PORT || 3000);
