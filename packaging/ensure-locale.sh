#!/usr/bin/env bash
# Generates a locale (default de_DE.UTF-8) with localedef when the machine does not have it yet, so tests
# can run where decimals are written with a comma. Needs the 'locales' package's definitions.
set -euo pipefail
name="${1:-de_DE.UTF-8}"
lang="${name%%.*}"
charset="${name#*.}"
normalised="${lang}.$(echo "$charset" | tr 'A-Z' 'a-z' | tr -d '-')"
if locale -a 2>/dev/null | grep -qx -e "$name" -e "$normalised"; then
  echo "ensure-locale: $name present"
  exit 0
fi
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
$sudo localedef -i "$lang" -f "$charset" "$name"
echo "ensure-locale: generated $name"
