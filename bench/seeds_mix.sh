#!/usr/bin/env bash
# The seed articles' source mix shown in the README, regenerated in one command:
# extract the seeds, then write the mix as a table (docs/seeds-mix.txt, and into
# README.md between its seeds-mix markers), a chart (docs/seeds-mix.png) and a CSV
# (docs/seeds-mix.csv). Rerun it when the engine's sources improve.
#   bash bench/seeds_mix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WHOSAID=${WHOSAID:-.venv/bin/whosaid}
SEEDS=${SEEDS:-../shared/seeds}
mkdir -p eval-out docs
"$WHOSAID" extract "$SEEDS" -o eval-out/seeds.jsonl --no-progress
"$WHOSAID" mix eval-out/seeds.jsonl --png docs/seeds-mix.png --csv docs/seeds-mix.csv \
  > docs/seeds-mix.txt
python3 - <<'PY'
import re
from pathlib import Path

readme = Path("README.md")
table = Path("docs/seeds-mix.txt").read_text(encoding="utf-8")
block = f"<!-- seeds-mix:start -->\n```text\n{table}```\n<!-- seeds-mix:end -->"
text, n = re.subn(
    r"<!-- seeds-mix:start -->.*?<!-- seeds-mix:end -->",
    lambda _: block,
    readme.read_text(encoding="utf-8"),
    flags=re.S,
)
if n != 1:
    raise SystemExit("README.md has no seeds-mix markers")
readme.write_text(text, encoding="utf-8")
PY
echo "wrote docs/seeds-mix.{txt,png,csv} and the README table"
