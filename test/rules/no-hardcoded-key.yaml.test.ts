/** no-hardcoded-key on YAML, through yaml-eslint-parser as configs.yaml sets it up. */
import * as yamlParser from 'yaml-eslint-parser';
import { describe } from 'vitest';
import { fakeKey, fakeSha, fakeToken } from '../support/fake-keys.js';
import { held, noHardcodedKey, report, RuleTester } from '../support/config-file-cases.js';

const K = Array.from({ length: 6 }, (_, index) => fakeKey(`yaml rule test ${index}`));
const T = fakeToken('yaml rule test');
const SHA = fakeSha('yaml rule test');
const SHA2 = fakeSha('yaml rule test 2');

const yaml = new RuleTester({ languageOptions: { parser: yamlParser } });

const compose = `services:
  api:
    image: node:20
    environment:
      NODE_ENV: production
      CLOCKWORK_API_KEY: ${K[0]}
  worker:
    image: node:20
    environment:
      - QUEUE=sms
      - CLOCKWORK_API_KEY=${K[1]}
`;
const deployment = `apiVersion: v1
kind: Service
metadata:
  name: notifier
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: notifier
  annotations:
    deploy/commit: ${SHA}
spec:
  template:
    spec:
      containers:
        - name: notifier
          image: registry.example.com/notifier@sha256:${SHA}${SHA.slice(0, 24)}
          env:
            - name: GIT_SHA
              value: "${SHA2}"
            - name: CLOCKWORK_API_KEY
              value: "${K[0]}"
            - name: CLOCKWORK_FROM
              valueFrom:
                configMapKeyRef: { name: sms, key: from }
`;
const secret = `apiVersion: v1
kind: Secret
metadata:
  name: clockwork
stringData:
  clockwork-api-key: '${K[0]}'
`;
const workflow = `name: notify
on: push
env:
  CLOCKWORK_API_KEY: "${K[0]}"
jobs:
  notify:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA}
      - run: |
          echo "deploying \${{ github.sha }}"
          curl "https://api.clockworksms.com/http/send.aspx?key=${K[1]}&to=447700900123&content=deployed"
`;
const helm = `clockwork:
  enabled: true
  apiKey: '${K[0]}'
`;
const flowProvider = `sms: { provider: clockwork, key: ${K[0]}, from: MyShop }\n`;
const anchors = `defaults: &defaults
  clockwork_api_key: ${K[0]}
production:
  <<: *defaults
`;
const commented = `sms:
  enabled: true
# clockwork:
#   key: ${K[2]}
`;
const successor = `textanywhere:
  user_key: "12345"
  access_token: ${T}
`;
const environments = `production:
  clockwork:
    api_key: ${K[3]}
test:
  clockwork:
    api_key: ${K[4]}
`;

describe('YAML', () => {
  yaml.run('no-hardcoded-key', noHardcodedKey, {
    valid: [
      {
        name: 'pnpm-lock.yaml: integrity and a git-SHA version (and the file is a lockfile)',
        code: `lockfileVersion: '9.0'\npackages:\n  clockwork@1.0.0:\n    resolution: {integrity: sha512-${'Zm9v'.repeat(22)}==}\n  clockwork@https://codeload.github.com/mediaburst/clockwork-node/tar.gz/${SHA}:\n    resolution: {tarball: https://codeload.github.com/mediaburst/clockwork-node/tar.gz/${SHA}}\n    version: ${SHA}\n`,
        filename: 'pnpm-lock.yaml',
      },
      {
        name: 'a lockfile is never judged, whatever it holds',
        code: `clockwork:\n  api_key: ${K[0]}\n`,
        filename: 'pnpm-lock.yaml',
      },
      {
        name: 'CI YAML full of SHAs in a Clockwork project',
        code: `name: clockwork-deploy\non: push\nenv:\n  GIT_COMMIT: ${SHA}\n  CLOCKWORK_RELEASE_SHA: ${SHA2}\njobs:\n  clockwork:\n    steps:\n      - uses: actions/checkout@${SHA}\n        with:\n          ref: ${SHA2}\n      - run: git checkout ${SHA} # clockwork release, commit ${SHA2}\n`,
        filename: '.github/workflows/clockwork.yml',
      },
      {
        name: 'interpolation and env references are no key',
        code: `services:\n  api:\n    environment:\n      CLOCKWORK_API_KEY: \${CLOCKWORK_API_KEY}\n      CLOCKWORK_KEY: \${{ secrets.CLOCKWORK_KEY }}\n`,
        filename: 'docker-compose.yml',
      },
      {
        name: 'a Kubernetes env var read from a secret',
        code: `env:\n  - name: CLOCKWORK_API_KEY\n    valueFrom:\n      secretKeyRef: { name: clockwork, key: api-key }\n`,
        filename: 'k8s/deployment.yaml',
      },
      { name: 'a placeholder', code: `clockwork:\n  api_key: your-clockwork-api-key-here-00000000000\n`, filename: 'config.yml' },
      { name: 'a hash word under clockwork', code: `clockwork:\n  checksum: ${SHA}\n  version: ${SHA2}\n`, filename: 'config.yml' },
      { name: 'a credential with no Clockwork context', code: `# uses clockwork for SMS\nanalytics:\n  api_key: ${K[0]}\n`, filename: 'config.yml' },
      { name: 'an allowed value', code: `clockwork:\n  api_key: ${K[0]}\n`, filename: 'config/test.yml', options: [{ allowedValues: [K[0]] }] },
    ],
    invalid: [
      {
        name: 'docker-compose.yml: an environment map and an environment list',
        code: compose,
        filename: 'docker-compose.yml',
        output: null,
        errors: [
          report(compose, { at: K[0]!, reason: held('services.api.environment.CLOCKWORK_API_KEY') }),
          report(compose, { at: K[1]!, reason: held('services.worker.environment.CLOCKWORK_API_KEY') }),
        ],
      },
      {
        name: 'a Kubernetes manifest: the name/value pair of a container env, in the second document',
        code: deployment,
        filename: 'k8s/deployment.yaml',
        output: null,
        errors: [report(deployment, { at: `"${K[0]}"`, value: K[0], reason: held('spec.template.spec.containers.env.CLOCKWORK_API_KEY') })],
      },
      {
        name: 'a Kubernetes secret in stringData',
        code: secret,
        filename: 'k8s/secret.yaml',
        output: null,
        errors: [report(secret, { at: `'${K[0]}'`, value: K[0], reason: held('stringData.clockwork-api-key') })],
      },
      {
        name: 'a GitHub workflow: env, and a Clockwork URL in a run block',
        code: workflow,
        filename: '.github/workflows/notify.yml',
        output: null,
        errors: [
          report(workflow, { at: `"${K[0]}"`, value: K[0], reason: held('env.CLOCKWORK_API_KEY') }),
          report(workflow, { at: K[1]!, reason: 'in a Clockwork API URL' }),
        ],
      },
      {
        name: 'Helm values',
        code: helm,
        filename: 'chart/values.yaml',
        output: null,
        errors: [report(helm, { at: `'${K[0]}'`, value: K[0], reason: held('clockwork.apiKey') })],
      },
      {
        name: 'a flow mapping beside provider: clockwork',
        code: flowProvider,
        filename: 'config/sms.yml',
        output: null,
        errors: [report(flowProvider, { at: K[0]!, reason: 'in a Clockwork config object' })],
      },
      {
        name: 'an anchor: reported where it is written, once',
        code: anchors,
        filename: 'config/settings.yml',
        output: null,
        errors: [report(anchors, { at: K[0]!, reason: held('defaults.clockwork_api_key') })],
      },
      {
        name: 'a commented-out block: judged as one comment, the suggestion redacts the key',
        code: commented,
        filename: 'config/settings.yml',
        output: null,
        errors: [report(commented, { at: K[2]!, reason: 'in a comment that names Clockwork', redact: true })],
      },
      {
        name: 'a successor access token',
        code: successor,
        filename: 'config/sms.yml',
        output: null,
        errors: [report(successor, { at: T, reason: held('textanywhere.access_token'), kind: 'access token' })],
      },
      {
        name: 'Rails-style environment sections',
        code: environments,
        filename: 'config/clockwork.yml',
        output: null,
        errors: [
          report(environments, { at: K[3]!, reason: held('production.clockwork.api_key') }),
          report(environments, { at: K[4]!, reason: held('test.clockwork.api_key') }),
        ],
      },
    ],
  });
});
