#!/usr/bin/env bash
# Consumer test: packs the package, installs the tarball into fresh projects (ESLint 9, then 10)
# the way the README says, and runs what a user runs: `npx eslint .` with the README's
# eslint.config.js, `npx clockwork-secrets scan .`, and the README's plain-jscodeshift command.
# Then checks that a consumer's production tree carries no codemod runtime (jscodeshift, @babel/*).
#
# Every check prints one PASS/FAIL line; the last line is `N passed, M failed`. Exit 1 on any
# failure. The key planted in the consumers is a fake derived at run time; nothing here prints it.
#
#   CONSUMER_ESLINT_MAJORS="9 10"        ESLint majors to test (default: 9 10)
#   CONSUMER_SKIP_NO_CODEMOD_RUNTIME=1   report check_no_codemod_runtime as skipped
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package=eslint-plugin-clockwork-secrets
rule=clockwork-secrets/no-hardcoded-key

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
skipped=0

# A fake key and a git-SHA look-alike, 40 hex each: SHA-1 digests of fixed labels, so the run is
# reproducible without a key-shaped literal in this file.
sha1_of() { node -e 'process.stdout.write(require("node:crypto").createHash("sha1").update(process.argv[1]).digest("hex"))' "$1"; }
key="$(sha1_of 'clockwork-secrets consumer test: fake API key')"
sha="$(sha1_of 'clockwork-secrets consumer test: commit')"
masked_key="${key:0:4}… (40 chars)"

pass() { passed=$((passed + 1)); echo "PASS $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP $*"; }
# fail DESCRIPTION [OUTPUT]: the output is shown indented, with the fake key masked.
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  if [[ -n "${2:-}" ]]; then
    local shown="${2//"$key"/<FULL FAKE KEY>}"
    printf '%s\n' "$shown" | tail -n 40 | sed 's/^/    | /'
  fi
}
# check DESCRIPTION OUTPUT CONDITION: PASS when the shell CONDITION holds, else FAIL showing OUTPUT.
check() {
  if eval "$3"; then pass "$1"; else fail "$1" "$2"; fi
}
# run COMMAND...: sets $out (stdout and stderr) and $code, whatever the exit code.
run() {
  if out="$("$@" 2>&1)"; then code=0; else code=$?; fi
}
contains() { [[ "$1" == *"$2"* ]]; }
lacks() { [[ "$1" != *"$2"* ]]; }
# count_lines TEXT REGEX: how many lines of TEXT match REGEX.
count_lines() { printf '%s\n' "$1" | grep -cE "$2" || true; }
elapsed() { echo "    ($((SECONDS - $1))s)"; }

# `npx NAME`, as the README has it, but never from the registry: a bin that the install did not
# link must fail here, not be fetched (outside a TTY, npx would fetch without asking).
npx_local() {
  npx --no -- "$@"
}

npm_install() {
  npm install --no-audit --no-fund --prefer-offline "$@"
}

# readme_block FILE LANG PATTERN [AFTER]: the one fenced LANG block of the README FILE whose text
# contains PATTERN (the first such block after the heading AFTER, when given).
readme_block() {
  node - "$@" <<'EOF'
const [file, lang, pattern, after] = process.argv.slice(2);
let text = require('node:fs').readFileSync(file, 'utf8');
if (after) {
  const start = text.indexOf(`\n${after}\n`);
  if (start < 0) { console.error(`no heading "${after}" in ${file}`); process.exit(1); }
  text = text.slice(start);
}
const blocks = [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
  .filter(([, blockLang, body]) => blockLang === lang && body.includes(pattern))
  .map(([, , body]) => body);
if (blocks.length === 0 || (!after && blocks.length > 1)) {
  console.error(`${blocks.length} \`\`\`${lang} blocks with "${pattern}" in ${file}`);
  process.exit(1);
}
process.stdout.write(blocks[0]);
EOF
}

# records_key FILE NAME: FILE has the line NAME=<the fake key>, quoted or not.
records_key() {
  grep -qxE "$2=(${key}|\"${key}\"|'${key}')" "$1"
}

write_leaky_source() {
  mkdir -p src
  cat >src/sms.js <<EOF
// Sends text messages through Clockwork.
const CLOCKWORK_API_KEY = '$key';
const commitSha = '$sha';

export function sendSms(to, content) {
  const url = new URL('https://api.clockworksms.com/http/send.aspx');
  url.search = new URLSearchParams({ key: CLOCKWORK_API_KEY, to, content }).toString();
  return fetch(url, { headers: { 'X-Build': commitSha } });
}
EOF
}

write_clean_source() {
  mkdir -p src
  cat >src/sms.js <<EOF
// Sends text messages through Clockwork.
const CLOCKWORK_API_KEY = process.env.CLOCKWORK_API_KEY;
const commitSha = '$sha';

export function sendSms(to, content) {
  const url = new URL('https://api.clockworksms.com/http/send.aspx');
  url.search = new URLSearchParams({ key: CLOCKWORK_API_KEY, to, content }).toString();
  return fetch(url, { headers: { 'X-Build': commitSha } });
}
EOF
}

# --- Pack ------------------------------------------------------------------------------------
started=$SECONDS
cd "$root"
if [[ ! -d dist ]]; then
  echo "dist/ is missing: npm run build"
  npm run build >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
fi
mkdir "$work/pack"
run npm pack --pack-destination "$work/pack" --json
tarball="$(ls "$work"/pack/*.tgz 2>/dev/null || true)"
if [[ $code -eq 0 && -f "$tarball" ]]; then
  pass "npm pack: $(basename "$tarball")"
else
  fail "npm pack" "$out"
  echo "$passed passed, $failed failed"
  exit 1
fi
listing="$(tar -tzf "$tarball")"
missing=()
for path in package/README.md package/dist/src/index.js package/dist/src/index.d.ts \
  package/dist/src/cli/main.js package/dist/codemods/jscodeshift.cjs package/dist/codemods/clockwork-secrets.js; do
  grep -qxF "$path" <<<"$listing" || missing+=("${path#package/}")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  pass "tarball holds the entry points, the bin, the codemod and README.md"
else
  fail "tarball is missing: ${missing[*]}"
fi
elapsed "$started"

# --- One consumer per ESLint major -----------------------------------------------------------
consumer_test() {
  local major=$1 dir="$work/eslint$1" started=$SECONDS
  local tag="[eslint@$major]"
  echo "--- consumer with eslint@$major"
  mkdir "$dir"
  cd "$dir"
  # A consumer as most are: a git work tree that ignores node_modules.
  git init -q
  printf 'node_modules/\n' >.gitignore
  npm init -y >/dev/null
  npm pkg set type=module

  run npm_install -D "eslint@$major" "$tarball"
  if [[ $code -ne 0 ]]; then
    fail "$tag npm i -D eslint@$major <tarball>" "$out"
    return
  fi
  pass "$tag npm i -D eslint@$major <tarball>"
  run npx_local eslint --version
  check "$tag npx eslint --version is v$major ($out)" "$out" '[[ $code -eq 0 && $out == "v$major."* ]]'

  local readme="node_modules/$package/README.md"
  if readme_block "$readme" js "$package" '## Usage' >eslint.config.js 2>"$dir/readme.err"; then
    pass "$tag eslint.config.js written from the README's Usage section"
  else
    fail "$tag eslint.config.js from the README's Usage section" "$(cat "$dir/readme.err")"
    return
  fi

  # A leaky file: one key, and a git SHA of the same shape that must not be reported.
  write_leaky_source
  run npx_local eslint .
  check "$tag npx eslint . exits 1 on the leaky file (exit $code)" "$out" '[[ $code -eq 1 ]]'
  local reports
  reports="$(count_lines "$out" "[[:space:]]$rule\$")"
  check "$tag npx eslint . reports exactly one $rule problem ($reports)" "$out" \
    '[[ $reports -eq 1 ]] && contains "$out" "1 problem"'
  check "$tag npx eslint . reports the key's line (2), not the commit SHA's (3)" "$out" \
    '[[ $(count_lines "$out" "^[[:space:]]+2:[0-9]+[[:space:]].*$rule\$") -eq 1 &&
       $(count_lines "$out" "^[[:space:]]+3:[0-9]+[[:space:]]") -eq 0 ]]'
  check "$tag npx eslint . output does not contain the full key" "$out" 'lacks "$out" "$key"'

  run npx_local clockwork-secrets scan .
  check "$tag npx clockwork-secrets scan . exits 1 on the leaky file (exit $code)" "$out" '[[ $code -eq 1 ]]'
  check "$tag npx clockwork-secrets scan . reports one key, on line 2, masked as $masked_key" "$out" \
    'contains "$out" "src/sms.js:2:" && contains "$out" "$masked_key" && contains "$out" "1 hardcoded Clockwork keys"'
  check "$tag npx clockwork-secrets scan . output does not contain the full key" "$out" 'lacks "$out" "$key"'

  # The plugin brings its language plugins and parsers, so configs.all works with nothing else installed.
  for dependency in @eslint/json @eslint/markdown yaml-eslint-parser @typescript-eslint/parser; do
    check "$tag $dependency installs with the plugin" "" '[[ -f "node_modules/$dependency/package.json" ]]'
  done
  mkdir -p config
  printf '{\n  "clockwork": { "apiKey": "%s" },\n  "build": { "commit": "%s" }\n}\n' "$key" "$sha" >config/default.json
  printf "import clockwork from '%s';\n\nexport default clockwork.configs.all;\n" "$package" >eslint.all.config.js
  run npx_local eslint -c eslint.all.config.js config/default.json
  check "$tag configs.all reports the key in config/default.json, not the commit (exit $code)" "$out" \
    '[[ $code -eq 1 ]] && [[ $(count_lines "$out" "[[:space:]]$rule\$") -eq 1 ]] && contains "$out" "2:"'
  check "$tag configs.all output does not contain the full key" "$out" 'lacks "$out" "$key"'
  rm -rf config eslint.all.config.js

  # fix through the installed bin, with a custom .env that exists: Node 20 would take --env-file
  # for itself (exit 9 when missing, silently loaded when present), so the flag is --dotenv.
  git add -A >/dev/null && git -c user.name=ci -c user.email=ci@example.invalid commit -qm leaky >/dev/null
  mkdir -p config
  printf 'PORT=1\n' >config/secrets.env
  run npx_local clockwork-secrets fix src --dotenv config/secrets.env
  check "$tag npx clockwork-secrets fix src --dotenv config/secrets.env exits 0 (exit $code)" "$out" '[[ $code -eq 0 ]]'
  check "$tag fix output does not contain the full key" "$out" 'lacks "$out" "$key"'
  check "$tag config/secrets.env records the key beside PORT" "$(sed 's/=.*/=…/' config/secrets.env 2>&1)" \
    'records_key config/secrets.env CLOCKWORK_API_KEY && grep -qx "PORT=1" config/secrets.env'
  check "$tag git ignores config/secrets.env" "$(git status --porcelain 2>&1)" 'git check-ignore -q config/secrets.env'
  check "$tag the key left src/" "" '! grep -rqF "$key" src'
  git checkout -q -- . && git clean -qfd src && rm -rf config

  write_clean_source
  run npx_local eslint .
  check "$tag npx eslint . exits 0 on the clean file (exit $code)" "$out" '[[ $code -eq 0 ]]'
  run npx_local clockwork-secrets scan .
  check "$tag npx clockwork-secrets scan . exits 0 on the clean file (exit $code)" "$out" '[[ $code -eq 0 ]]'

  # The standalone codemod: the consumer brings its own jscodeshift, as the README says.
  write_leaky_source
  run npm_install -D jscodeshift
  if [[ $code -ne 0 ]]; then
    fail "$tag npm i -D jscodeshift" "$out"
    return
  fi
  pass "$tag npm i -D jscodeshift"
  if readme_block "$readme" sh 'npx jscodeshift' >"$dir/jscodeshift.sh" 2>"$dir/readme.err"; then
    pass "$tag jscodeshift command taken from the README"
  else
    fail "$tag jscodeshift command from the README" "$(cat "$dir/readme.err")"
    return
  fi
  run env npm_config_yes=false bash "$dir/jscodeshift.sh"
  check "$tag README's jscodeshift command exits 0 and reports 1 ok (exit $code)" "$out" \
    '[[ $code -eq 0 ]] && contains "$out" "1 ok"'
  check "$tag jscodeshift output does not contain the full key" "$out" 'lacks "$out" "$key"'
  local leftover
  leftover="$(grep -rlF "$key" src || true)"
  check "$tag the key left src/ (still in: ${leftover:-nothing})" "" '[[ -z $leftover ]]'
  check "$tag src/sms.js still holds the commit SHA" "" 'grep -qF "$sha" src/sms.js'
  run node --check src/sms.js
  check "$tag rewritten src/sms.js parses" "$out" '[[ $code -eq 0 ]]'
  check "$tag .env records CLOCKWORK_API_KEY with the key" "$(sed 's/=.*/=…/' .env 2>&1)" \
    'records_key .env CLOCKWORK_API_KEY'
  local mode
  mode="$(stat -c %a .env 2>/dev/null || echo none)"
  check "$tag .env is mode 600 (mode $mode)" "" '[[ $mode == 600 ]]'
  check "$tag git ignores .env" "$(cat .gitignore 2>&1)" 'git check-ignore -q .env'
  check "$tag .env.example names CLOCKWORK_API_KEY without its value" "$(cat .env.example 2>&1)" \
    'grep -qx "CLOCKWORK_API_KEY=" .env.example'
  run npx_local eslint .
  check "$tag npx eslint . exits 0 after the codemod (exit $code)" "$out" '[[ $code -eq 0 ]]'
  run npx_local clockwork-secrets scan .
  check "$tag npx clockwork-secrets scan . exits 0 after the codemod (exit $code)" "$out" '[[ $code -eq 0 ]]'
  elapsed "$started"
}

# --- No codemod runtime for a lint-only consumer ---------------------------------------------
# A consumer that installs the plugin and its one peer, eslint, must not get jscodeshift or Babel
# in its production tree: the codemod's runtime belongs to those who run the codemod.
check_no_codemod_runtime() {
  local dir="$work/runtime" started=$SECONDS description='npm ls --omit=dev lists no jscodeshift and no @babel/*'
  echo "--- consumer with the plugin and eslint as dependencies"
  if [[ "${CONSUMER_SKIP_NO_CODEMOD_RUNTIME:-}" == 1 ]]; then
    skip "$description (CONSUMER_SKIP_NO_CODEMOD_RUNTIME=1)"
    return
  fi
  mkdir "$dir"
  cd "$dir"
  npm init -y >/dev/null
  run npm_install eslint "$tarball"
  if [[ $code -ne 0 ]]; then
    fail "npm i eslint <tarball>" "$out"
    return
  fi
  run npm ls --omit=dev --all --parseable --long
  local offenders codemod babel
  offenders="$(printf '%s\n' "$out" | grep -oE ':(jscodeshift|@babel/[^@:]+)@[^:]+' | cut -c2- | sort -u || true)"
  codemod="$(grep -E '^jscodeshift@' <<<"$offenders" | paste -sd ' ' || true)"
  babel="$(grep -cE '^@babel/' <<<"$offenders" || true)"
  if [[ -z "$offenders" ]]; then
    pass "$description"
  else
    fail "$description: found ${codemod:-no jscodeshift} and $babel @babel/* packages" \
      "$(npm ls --omit=dev jscodeshift 2>&1; paste -sd ' ' <<<"$offenders" | fold -s -w 100)"
  fi
  elapsed "$started"
}

for major in ${CONSUMER_ESLINT_MAJORS:-9 10}; do
  consumer_test "$major"
done
check_no_codemod_runtime

echo "consumer test took $((SECONDS - started))s"
if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ $failed -eq 0 ]]
