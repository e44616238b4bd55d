const ENV_NAME = /^[A-Za-z_]\w*$/;

/** Whether `name` can be written as `process.env.NAME` and in a `.env` file. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}
