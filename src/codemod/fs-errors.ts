/**
 * File-system errors that name their path. Node's own messages often do not (`EISDIR: illegal
 * operation on a directory, read`), which leaves an operator guessing which of thousands of files
 * failed.
 */
const PLAIN_WORDS: Record<string, string> = {
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'does not exist',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links',
};

export class PathError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function describeFsError(error: unknown, path: string): PathError {
  if (error instanceof PathError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const words = (code && PLAIN_WORDS[code]) ?? (error as Error).message;
  return new PathError(path, code, `${path}: ${words}${code && PLAIN_WORDS[code] ? ` (${code})` : ''}`);
}

/** Runs `work` on `path`, turning any file-system error into one that names the path. */
export function onPath<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw describeFsError(error, path);
  }
}
