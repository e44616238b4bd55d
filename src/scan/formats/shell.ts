/**
 * Shell scripts (`*.sh`, `*.bash`, `*.zsh`, `.envrc`, and files with a shell shebang):
 * `export CLOCKWORK_KEY=…`, `CLOCKWORK_API_KEY=… node app.js`, `${CLOCKWORK_KEY:-…}` defaults,
 * `curl 'https://api.clockworksms.com/http/send.aspx?key=…'`, comments and here-documents.
 */
import { basename, extname } from 'node:path';
import { FileFindings } from '../findings.js';
import type { FormatScanner } from '../format.js';
import { parseShell, scanShellText } from '../shell-commands.js';

const EXTENSIONS = new Set(['.sh', '.bash', '.zsh', '.ksh']);
/** Shell files known by name: direnv's `.envrc`, start-up files. */
const NAMES = new Set(['.envrc', '.bashrc', '.bash_profile', '.zshrc', '.zshenv', '.zprofile', '.profile']);
const SHEBANG = /^#!\s*(?:\/usr)?(?:\/local)?\/bin\/(?:env\s+(?:-\S+\s+)*)?(?:ba|[zka]|da)?sh\b/;

export const shell: FormatScanner = {
  name: 'shell',
  claims: (path) => EXTENSIONS.has(extname(path).toLowerCase()) || NAMES.has(basename(path).toLowerCase()),
  claimsFirstLine: (line) => SHEBANG.test(line),
  scan(text, _path, options) {
    const findings = new FileFindings(text, options);
    scanShellText(parseShell(text), findings);
    return findings.list();
  },
};
