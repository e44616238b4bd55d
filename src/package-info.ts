/** Kept equal to package.json by a test; a constant keeps the plugin free of file reads. */
export const PACKAGE_NAME = 'eslint-plugin-clockwork-secrets';
export const PACKAGE_VERSION = '0.1.0';
export const NAMESPACE = 'clockwork-secrets';
