/**
 * eslint-doc-generator settings (`npm run docs`, checked by `npm run docs:check`).
 * `flat/recommended` is an alias of `recommended`, and `json`, `yaml` and `markdown` are the
 * parts of `all` for one kind of file each: listing them too would only repeat them.
 */
export default {
  ignoreConfig: ['flat/recommended', 'json', 'yaml', 'markdown'],
};
