#!/usr/bin/env bash
# Regenerates docs/letters/*.png: page 1 of every letter template (seeds/letters/) filled with one
# sample request, rendered by the service's own renderer, then rasterised by pdftoppm (Debian
# package poppler-utils). Run after changing a template or the layout.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: apt-get install -y poppler-utils" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project tests/Benchmarks -- letters --previews "$work/pdf" --json "$work/previews.json"
mkdir -p docs/letters
rm -f docs/letters/*.png
for pdf in "$work"/pdf/*.pdf; do
  name="$(basename "$pdf" .pdf)"
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "docs/letters/$name"
done
ls docs/letters
