/**
 * eslint-doc-generator settings (`npm run docs`, checked by `npm run docs:check`).
 * `flat/recommended` is an alias of `recommended`: listing it too would only repeat it.
 */
export default {
  ignoreConfig: ['flat/recommended'],
};
