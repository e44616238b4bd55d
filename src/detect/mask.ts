/** How a key is shown anywhere a person or a log can see it: never in full. */
export function maskKey(value: string): string {
  return `${value.slice(0, 4)}… (${value.length} chars)`;
}

/** The shortest credential: a successor token (24 alphanumerics); a classic key is 40 hex. */
const TOKEN_RUN_MIN = 24;
const HEX_RUN_MIN = 40;

/**
 * `text` with everything that could hold a key masked, for text that may quote source (parser
 * errors, diffs), whatever stands beside the key (`0x…`, a glued word): every run of 24 or more
 * letters and digits that has both, and every run of 40 or more hex digits. Over-masking a long
 * identifier with a digit in it is the price. One linear pass.
 */
export function maskKeysIn(text: string): string {
  let out = '';
  let cursor = 0;
  let runStart = -1;
  let hasDigit = false;
  let hasLetter = false;
  let allHex = true;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : -1;
    const digit = code >= 48 && code <= 57;
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (digit || letter) {
      if (runStart < 0) {
        runStart = index;
        hasDigit = hasLetter = false;
        allHex = true;
      }
      hasDigit ||= digit;
      hasLetter ||= letter;
      allHex &&= digit || (code | 0x20) <= 102;
      continue;
    }
    if (runStart < 0) continue;
    const length = index - runStart;
    if ((length >= TOKEN_RUN_MIN && hasDigit && hasLetter) || (length >= HEX_RUN_MIN && allHex)) {
      out += text.slice(cursor, runStart) + maskKey(text.slice(runStart, index));
      cursor = index;
    }
    runStart = -1;
  }
  return out + text.slice(cursor);
}
