const ENV_NAME = /^[a-z_]\w*$/i;

/** Whether `name` can be written as `process.env.NAME` and in a `.env` file. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}
