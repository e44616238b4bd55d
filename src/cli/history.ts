/**
 * `clockwork-secrets scan --history [--range A..B]`: every version of every file that git history
 * holds, read by the same core as the working tree (`scanContent`), each distinct blob once per
 * format its paths give it, whatever the number of commits or paths that hold it.
 *
 * Four git processes, each streamed: `git log --raw` (which commit first brought each blob in, at
 * which path, and its author date: never the subject), `git rev-list --objects` (every blob in the
 * range), `git cat-file --batch-check` (sizes, so an oversized blob is never read) and one
 * long-lived `git cat-file --batch` (the bytes). `git ls-tree -r HEAD` says which keys are still
 * there. Each finding is one key value: where it was first introduced, and the other paths it
 * was introduced at.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { settingsFrom } from '../codemod/settings.js';
import { maskKey, maskKeysIn } from '../detect/mask.js';
import { isLockfile } from '../detect/structured.js';
import { firstLineOf, LOCKFILE_REASON, scanContent } from '../scan/content.js';
import type { ContentFinding } from '../scan/format.js';
import { formatOf } from '../scan/formats/index.js';
import { withValue, type ScanFinding, type ScanReport } from './scan.js';

/** Blobs larger than this are not read from history at all (the working tree reads them as text). */
export const HISTORY_MAX_BLOB_BYTES = 32 * 1024 * 1024;

export interface Introduction {
  /** Full commit id. */
  commit: string;
  /** Author date, ISO 8601 (`%aI`). */
  date: string;
  file: string;
}

export interface HistoryFinding extends ScanFinding {
  /** The commit that first introduced the key (earliest in `--date-order`), and its author date. */
  commit: string;
  date: string;
  /** Whether a file at HEAD still holds the same key. */
  presentAtHead: boolean;
  /** Every other commit and path that introduced a blob holding the key, earliest first (capped). */
  alsoIntroduced: Introduction[];
}

export interface HistoryReport extends ScanReport {
  findings: HistoryFinding[];
  history: {
    /** `--all`, or the range given. */
    range: string;
    commits: number;
    /** Distinct blobs the range holds. */
    blobs: number;
    /** Distinct blobs read (those no format claims, lockfiles and oversized ones are not). */
    blobsRead: number;
    /** `scanContent` calls: one per (blob, format). */
    scans: number;
  };
}

export class HistoryError extends Error {}

const ALSO_INTRODUCED_CAP = 20;
const ZERO_OID = /^0+$/;

interface Scanned {
  /** The format that read it (`text-only` for a blob too large or minified to parse). */
  format: string;
  findings: ContentFinding[];
  /** The blob's paths that give it this format. */
  paths: Set<string>;
}

/** Runs a git command to completion; a failure is the user's (not a repository, a bad range). */
function gitOutput(cwd: string, args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw new HistoryError(`git could not run: ${result.error.message}`);
  if (result.status !== 0) throw new HistoryError(`git ${args[0]} failed: ${maskKeysIn(result.stderr.trim())}`);
  return result.stdout;
}

/** Each line of a git command's output, streamed; rejects when git exits non-zero. */
async function eachLine(cwd: string, args: string[], onLine: (line: string) => void): Promise<void> {
  const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) onLine(line);
  const code = await closed;
  if (code !== 0) throw new HistoryError(`git ${args[0]} failed: ${maskKeysIn(stderr.trim())}`);
}

/** A path as git prints it with core.quotePath=false: C-quoted only for control characters and quotes. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = Buffer.from(path.slice(1, -1), 'utf8');
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let index = 0; index < body.length; index++) {
    const byte = body[index]!;
    if (byte !== 92) {
      bytes.push(byte);
      continue;
    }
    const next = String.fromCharCode(body[index + 1] ?? 0);
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.subarray(index + 1, index + 4).toString('latin1'), 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? body[index + 1]!);
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * One `git log --raw` pass, oldest first: for each blob, the commits that brought it in and where.
 * `-c` shows what a merge itself introduced (a conflict resolution); `--no-renames` lists a rename
 * as an addition, so the rename commit is one more introduction, never the first.
 */
async function introductions(cwd: string, revs: string[]): Promise<{ byBlob: Map<string, Introduction[]>; commits: number; rank: Map<string, number> }> {
  const byBlob = new Map<string, Introduction[]>();
  /** Each commit's place in the log, oldest first. */
  const rank = new Map<string, number>();
  let commit = '';
  let date = '';
  let commits = 0;
  const args = ['-c', 'core.quotePath=false', 'log', '--raw', '-c', '--no-renames', '--no-abbrev', '--date-order', '--reverse', '--format=%H %aI', ...revs, '--'];
  await eachLine(cwd, args, (line) => {
    if (line === '') return;
    if (!line.startsWith(':')) {
      const space = line.indexOf(' ');
      commit = line.slice(0, space);
      date = line.slice(space + 1);
      rank.set(commit, commits++);
      return;
    }
    const tab = line.indexOf('\t');
    const parents = /^:+/.exec(line)![0].length;
    const fields = line.slice(parents, tab).split(' ');
    const blob = fields[2 * parents + 1]!;
    const status = fields[fields.length - 1]!;
    // Submodules (mode 160000) are commits, not blobs; a deletion brings nothing in.
    if (status.startsWith('D') || ZERO_OID.test(blob) || fields[parents] === '160000') return;
    const file = unquote(line.slice(tab + 1).split('\t').pop()!);
    const list = byBlob.get(blob);
    const entry = { commit, date, file };
    if (list) list.push(entry);
    else byBlob.set(blob, [entry]);
  });
  return { byBlob, commits, rank };
}

/** Every blob the range holds, with the first path `rev-list` met it at. */
async function blobsInRange(cwd: string, revs: string[]): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  await eachLine(cwd, ['rev-list', '--objects', '--filter=object:type=blob', ...revs, '--'], (line) => {
    const space = line.indexOf(' ');
    // Commits are listed too (the filter keeps them): they have no path.
    if (space < 0) return;
    blobs.set(line.slice(0, space), line.slice(space + 1));
  });
  return blobs;
}

/** Sizes of `oids` through one `git cat-file --batch-check`. */
function sizesOf(cwd: string, oids: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (oids.length === 0) return sizes;
  const result = spawnSync('git', ['cat-file', '--batch-check=%(objectname) %(objectsize)'], { cwd, input: oids.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new HistoryError(`git cat-file failed: ${result.stderr.trim()}`);
  for (const line of result.stdout.split('\n')) {
    const [oid, size] = line.split(' ');
    if (oid && size) sizes.set(oid, Number(size));
  }
  return sizes;
}

/**
 * The bytes of each blob, through one long-lived `git cat-file --batch`: ids written in, responses
 * (`<oid> <type> <size>\n<bytes>\n`) parsed as they stream out and handed to `onBlob` one by one,
 * so no more than one blob is held at a time beyond git's pipe.
 */
function readBlobs(cwd: string, oids: readonly string[], onBlob: (oid: string, bytes: Buffer) => void): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let pending: Buffer = Buffer.alloc(0);
    /** The blob being received: its bytes are copied once into a buffer of its size (plus the newline). */
    let body: { oid: string; bytes: Buffer; filled: number } | undefined;
    let received = 0;
    let failure: Error | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      try {
        for (;;) {
          if (!body) {
            const newline = pending.indexOf(10);
            if (newline < 0) break;
            const header = pending.subarray(0, newline).toString('latin1').split(' ');
            pending = pending.subarray(newline + 1);
            if (header[1] === 'missing') {
              received++;
              continue;
            }
            body = { oid: header[0]!, bytes: Buffer.allocUnsafe(Number(header[2]) + 1), filled: 0 };
          }
          const take = Math.min(pending.length, body.bytes.length - body.filled);
          pending.copy(body.bytes, body.filled, 0, take);
          body.filled += take;
          pending = pending.subarray(take);
          if (body.filled < body.bytes.length) break;
          const { oid, bytes } = body;
          body = undefined;
          received++;
          onBlob(oid, bytes.subarray(0, bytes.length - 1));
        }
      } catch (error) {
        failure = error as Error;
        child.kill();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failure) reject(failure);
      else if (code !== 0 || received !== oids.length) reject(new HistoryError(`git cat-file failed: ${stderr.trim() || `read ${received} of ${oids.length} blobs`}`));
      else resolve();
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(oids.join('\n') + '\n');
  });
}

/** Whether `path` may be read by a format (a name with no extension may be, by its first line); lockfiles never are. */
function mayBeRead(path: string): boolean {
  if (isLockfile(path)) return false;
  return formatOf(path) !== undefined || !/\.[^/]*$/.test(path.slice(path.lastIndexOf('/') + 1));
}

export interface HistoryOptions {
  /** `A..B`, `A...B`, a single rev; every ref (`--all`) when absent. */
  range?: string;
  cwd?: string;
  /** Called as blobs are read (`scanProgress()` shows it on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

/** `detectorOptions`: the flags `--extra-names`, `--allowed-values`, `--client-modules` (as `scan` takes them). */
export async function scanHistory(detectorOptions: object, options: HistoryOptions = {}): Promise<HistoryReport> {
  const { detector } = settingsFrom(detectorOptions as Readonly<Record<string, unknown>>);
  const cwd = options.cwd ?? process.cwd();
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  if (top.status !== 0) throw new HistoryError('--history needs a git repository: run it inside one.');
  const root = top.stdout.trim();
  if (options.range !== undefined && (options.range === '' || options.range.startsWith('-'))) throw new HistoryError(`--range takes a revision range such as main..feature, not "${options.range}".`);
  const revs = options.range === undefined ? ['--all'] : [options.range];
  if (options.range !== undefined) gitOutput(root, ['rev-parse', '--revs-only', options.range]);

  const [{ byBlob, commits, rank }, blobs] = await Promise.all([introductions(root, revs), blobsInRange(root, revs)]);
  const report: HistoryReport = {
    filesScanned: 0,
    findings: [],
    failed: [],
    skipped: [],
    history: { range: options.range ?? '--all', commits, blobs: blobs.size, blobsRead: 0, scans: 0 },
  };
  const skippedSeen = new Set<string>();
  const skip = (file: string, kind: ScanReport['skipped'][number]['kind'], reason: string) => {
    const id = `${kind}\0${file}`;
    if (skippedSeen.has(id)) return;
    skippedSeen.add(id);
    report.skipped.push({ file, kind, reason });
  };

  /** The paths each blob is known at: where it was introduced, and where `rev-list` met it. */
  const pathsOf = (oid: string): string[] => {
    const paths = new Set((byBlob.get(oid) ?? []).map((intro) => intro.file));
    const listed = blobs.get(oid);
    if (listed !== undefined && listed !== '') paths.add(listed);
    return [...paths];
  };

  const candidates = [...blobs.keys()].filter((oid) => {
    const paths = pathsOf(oid);
    // Passed over by name, unread, and counted once per path (as `scan` counts a lockfile).
    for (const path of paths) if (isLockfile(path)) skip(path, 'lockfile', LOCKFILE_REASON);
    return paths.some(mayBeRead);
  });
  const sizes = sizesOf(root, candidates);
  const toRead = candidates.filter((oid) => {
    if ((sizes.get(oid) ?? 0) <= HISTORY_MAX_BLOB_BYTES) return true;
    for (const path of pathsOf(oid)) skip(path, 'not-checked', `a version over ${HISTORY_MAX_BLOB_BYTES / 1024 / 1024} MB: not read from history`);
    return false;
  });

  /** Findings per blob and format, kept by value only when a key is found. */
  const scannedBlobs = new Map<string, Map<string, Scanned>>();
  const scanBlob = (oid: string, bytes: Buffer, paths: readonly string[]) => {
    let byFormat = scannedBlobs.get(oid);
    if (!byFormat) scannedBlobs.set(oid, (byFormat = new Map()));
    for (const path of paths) {
      if (isLockfile(path)) continue;
      const format = formatOf(path, () => firstLineOf(bytes))?.name;
      if (format === undefined) continue;
      const done = byFormat.get(format);
      if (done) {
        done.paths.add(path);
        continue;
      }
      report.history.scans++;
      const result = scanContent(path, bytes, detector);
      if (result === undefined) continue;
      if (result.kind === 'skipped') {
        skip(path, result.cause, result.reason);
        byFormat.set(format, { format, findings: [], paths: new Set([path]) });
      } else if (result.kind === 'failed') {
        report.filesScanned++;
        report.failed.push({ file: `${path}@${oid.slice(0, 12)}`, error: result.error });
        byFormat.set(format, { format, findings: [], paths: new Set([path]) });
      } else {
        report.filesScanned++;
        byFormat.set(format, { format: result.format, findings: result.findings, paths: new Set([path]) });
      }
    }
  };
  await readBlobs(root, toRead, (oid, bytes) => {
    report.history.blobsRead++;
    scanBlob(oid, bytes, pathsOf(oid));
    options.onProgress?.(report.history.blobsRead, toRead.length);
  });

  const atHead = await headValues(root, scannedBlobs, scanBlob);
  report.findings = byValue(scannedBlobs, byBlob, rank, atHead);
  return report;
}

/** Every key value a file at HEAD holds (HEAD's blobs outside the range are read here too). */
async function headValues(
  root: string,
  scanned: Map<string, Map<string, Scanned>>,
  scanBlob: (oid: string, bytes: Buffer, paths: readonly string[]) => void,
): Promise<Set<string>> {
  const values = new Set<string>();
  const head = spawnSync('git', ['-c', 'core.quotePath=false', 'ls-tree', '-r', 'HEAD'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  // No HEAD yet (an empty repository, an unborn branch): nothing is present.
  if (head.status !== 0) return values;
  const entries: Array<{ oid: string; path: string }> = [];
  for (const line of head.stdout.split('\n')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/.exec(line);
    if (match) entries.push({ oid: match[1]!, path: unquote(match[2]!) });
  }
  const unread = entries.filter(({ oid, path }) => !scanned.has(oid) && mayBeRead(path));
  const sizes = sizesOf(root, [...new Set(unread.map(({ oid }) => oid))]);
  const pathsByOid = new Map<string, string[]>();
  for (const { oid, path } of unread) if ((sizes.get(oid) ?? 0) <= HISTORY_MAX_BLOB_BYTES) pathsByOid.set(oid, [...(pathsByOid.get(oid) ?? []), path]);
  await readBlobs(root, [...pathsByOid.keys()], (oid, bytes) => scanBlob(oid, bytes, pathsByOid.get(oid)!));
  for (const { oid } of entries) {
    for (const { findings } of scanned.get(oid)?.values() ?? []) for (const finding of findings) values.add(finding.value);
  }
  return values;
}

/**
 * One finding per key value: where it was first introduced (the earliest commit in the log's
 * order that brought in a blob holding it, at the path it brought it to), the line there, and the
 * other introductions.
 */
function byValue(
  scanned: Map<string, Map<string, Scanned>>,
  byBlob: Map<string, Introduction[]>,
  rank: ReadonlyMap<string, number>,
  atHead: ReadonlySet<string>,
): HistoryFinding[] {
  interface Occurrence {
    oid: string;
    intro: Introduction;
    file: string;
    finding: ContentFinding;
    format: string;
  }
  const occurrences = new Map<string, Occurrence[]>();
  for (const [oid, byFormat] of scanned) {
    const intros = byBlob.get(oid) ?? [];
    for (const { format, findings, paths } of byFormat.values()) {
      for (const finding of findings) {
        const matching = intros.filter((intro) => paths.has(intro.file));
        // A blob no listed commit introduced (read only because HEAD holds it) places nothing.
        if (matching.length === 0) continue;
        let list = occurrences.get(finding.value);
        if (!list) occurrences.set(finding.value, (list = []));
        for (const intro of matching) list.push({ oid, intro, file: intro.file, finding, format });
      }
    }
  }
  const findings: HistoryFinding[] = [];
  for (const [value, list] of occurrences) {
    const introduced = [...list].sort((a, b) => rank.get(a.intro.commit)! - rank.get(b.intro.commit)! || a.file.localeCompare(b.file) || a.finding.line - b.finding.line || a.finding.column - b.finding.column);
    const first = introduced[0]!;
    const others = new Map<string, Introduction>();
    for (const occurrence of introduced.slice(1)) {
      const intro = occurrence.intro;
      if (intro.commit === first.intro.commit && intro.file === first.file) continue;
      const id = `${intro.commit}\0${intro.file}`;
      if (!others.has(id) && others.size < ALSO_INTRODUCED_CAP) others.set(id, intro);
    }
    findings.push(withValue({
      file: first.file,
      line: first.finding.line,
      column: first.finding.column,
      kind: first.finding.kind,
      masked: maskKey(value),
      reason: first.finding.reason,
      format: first.format,
      commit: first.intro.commit,
      date: first.intro.date,
      presentAtHead: atHead.has(value),
      alsoIntroduced: [...others.values()],
    }, value));
  }
  return findings.sort((a, b) => rank.get(a.commit)! - rank.get(b.commit)! || a.file.localeCompare(b.file) || a.line - b.line);
}

export function renderHistoryReport(report: HistoryReport): string {
  const lines = report.findings.map((finding) => {
    const where = `${finding.file}:${finding.line}:${finding.column}  ${finding.masked}  ${finding.reason}`;
    // Twelve characters: enough for `git show`, and a full id has a key's shape.
    const since = `introduced in ${finding.commit.slice(0, 12)} (${finding.date})`;
    const head = finding.presentAtHead ? 'still present at HEAD' : 'not present at HEAD';
    const more = finding.alsoIntroduced.length > 0 ? `; also introduced at ${finding.alsoIntroduced.length} more commit/path${finding.alsoIntroduced.length === 1 ? '' : 's'}` : '';
    return `${where}  ${since}, ${head}${more}`;
  });
  for (const failure of report.failed) lines.push(`${failure.file}: ${failure.error}`);
  const { commits, blobs, blobsRead } = report.history;
  const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  lines.push(`${report.findings.length} hardcoded Clockwork keys in history (${report.history.range}): ${plural(commits, 'commit')}, ${plural(blobs, 'blob')}, ${blobsRead} read.`);
  const lockfiles = report.skipped.filter((item) => item.kind === 'lockfile').length;
  const binary = report.skipped.filter((item) => item.kind === 'binary').length;
  const notRead = [lockfiles > 0 ? `${lockfiles} lockfile path${lockfiles === 1 ? '' : 's'}` : '', binary > 0 ? `${binary} binary path${binary === 1 ? '' : 's'}` : ''].filter(Boolean);
  if (notRead.length > 0) lines.push(`Not read: ${notRead.join(', ')}.`);
  return lines.join('\n');
}
