/**
 * no-hardcoded-key on code blocks in Markdown, through @eslint/markdown's processor as
 * configs.markdown sets it up: each JS or TS block is a file of its own (`README.md/0.js`), and
 * the reports come back at their place in the document.
 */
import markdown from '@eslint/markdown';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { maskKey } from '../../src/detect/mask.js';
import { locationOf } from '../support/location.js';
import { fakeKey, fakeSha } from '../support/fake-keys.js';
import { held, noHardcodedKey, report, RuleTester } from '../support/config-file-cases.js';

const K = Array.from({ length: 4 }, (_, index) => fakeKey(`markdown rule test ${index}`));
const SHA = fakeSha('markdown rule test');

// The processor applies to the document only: a code block is a file of its own, not Markdown.
// RuleTester lints through Linter, which hands only a processor's .js blocks to rules; the ESLint
// class (what `npx eslint` runs) lints every block a config's `files` names. JSX and TypeScript
// blocks are asserted through it below, with configs.markdown itself.
const tester = new RuleTester({ files: ['**/*.md'], plugins: { markdown }, processor: 'markdown/markdown' });
const blocks = { languageOptions: { parserOptions: { ecmaFeatures: { jsx: true, impliedStrict: true } } } };

const fence = (lang: string, code: string) => `\`\`\`${lang}\n${code}\n\`\`\``;

const readme = `# Sending SMS

Install the client, then create it with your key:

${fence('js', `const Clockwork = require('clockwork');\nconst client = Clockwork({ key: '${K[0]}' });`)}

The release this page describes is commit ${SHA}.
`;
const typescript = `## TypeScript

${fence('ts', `export const CLOCKWORK_API_KEY: string = '${K[1]}';`)}
`;
const javascriptFence = `${fence('javascript', `fetch(\`https://api.clockworksms.com/http/send.aspx?key=${K[2]}&to=\${to}\`);`)}\n`;
const namedBlock = `Put this in \`src/sms.js\`:

${fence('js filename="src/sms.js"', `// Old clockwork key: ${K[3]}\nmodule.exports = {};`)}
`;
const jsx = `${fence('jsx', `<ClockworkProvider apiKey="${K[0]}">\n  <App />\n</ClockworkProvider>`)}\n`;

describe('Markdown code blocks', () => {
  tester.run('no-hardcoded-key', noHardcodedKey, {
    valid: [
      {
        name: 'a git SHA in a Clockwork snippet, and a key read from the environment',
        code: `${fence('js', `// clockwork client, pinned at commit ${SHA}\nconst clockworkCommit = '${SHA}';\nconst client = require('clockwork')({ key: process.env.CLOCKWORK_API_KEY });`)}\n`,
        filename: 'README.md',
        ...blocks,
      },
      {
        name: "shell, env and prose are scan's, not the rule's",
        code: `Set CLOCKWORK_API_KEY=${K[0]} first.\n\n${fence('sh', `export CLOCKWORK_API_KEY=${K[0]}`)}\n\n${fence('dotenv', `CLOCKWORK_API_KEY=${K[0]}`)}\n`,
        filename: 'README.md',
        ...blocks,
      },
      {
        name: 'a block without a language is not code',
        code: `${fence('', `const CLOCKWORK_API_KEY = '${K[0]}';`)}\n`,
        filename: 'README.md',
        ...blocks,
      },
    ],
    invalid: [
      {
        name: 'README.md with a js block: reported at its place in the document, with no rewrite of the snippet',
        code: readme,
        filename: 'README.md',
        ...blocks,
        output: null,
        errors: [report(readme, { at: `'${K[0]}'`, value: K[0], reason: 'passed to a Clockwork client' })],
      },
      {
        name: 'a javascript fence',
        code: javascriptFence,
        filename: 'docs/api.md',
        ...blocks,
        output: null,
        errors: [report(javascriptFence, { at: K[2]!, reason: 'in a Clockwork API URL' })],
      },
      {
        name: 'a block named by filename=, with a key in a comment: the redaction maps back into the document',
        code: namedBlock,
        filename: 'docs/setup.md',
        ...blocks,
        output: null,
        errors: [report(namedBlock, { at: K[3]!, reason: 'in a comment that names Clockwork', redact: true })],
      },
    ],
  });
});

describe('JSX and TypeScript blocks, through configs.markdown', () => {
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: plugin.configs.markdown as Linter.Config[], cwd: process.cwd() });
  const message = (code: string, at: string, value: string, reason: string) => ({
    ruleId: 'clockwork-secrets/no-hardcoded-key',
    messageId: 'hardcodedKey',
    message: `Hardcoded Clockwork API key ${maskKey(value)}, ${reason}. Load it from the environment or a secrets manager, and rotate it if it was ever committed.`,
    ...locationOf(code, at),
    suggestions: [],
  });

  it.each([
    ['jsx', jsx, `"${K[0]}"`, held('ClockworkProvider.apiKey')],
    ['ts', typescript, `'${K[1]}'`, held('CLOCKWORK_API_KEY')],
    ['tsx', `${fence('tsx', `export const App = () => <ClockworkProvider apiKey={'${K[2]}' as string} />;`)}\n`, `'${K[2]}'`, held('ClockworkProvider.apiKey')],
    ['mjs', `${fence('js filename="lib/sms.mjs"', `export const clockworkKey = '${K[3]}';`)}\n`, `'${K[3]}'`, held('clockworkKey')],
  ])('a %s block', async (_, code, at, reason) => {
    const [result] = await eslint.lintText(code, { filePath: 'docs/usage.md' });
    const messages = result!.messages.map(({ ruleId, messageId, message: text, line, column, endLine, endColumn, suggestions }) => ({ ruleId, messageId, message: text, line, column, endLine, endColumn, suggestions: suggestions ?? [] }));
    const value = at.slice(1, -1);
    expect(messages).toEqual([message(code, at, value, reason)]);
  });
});
