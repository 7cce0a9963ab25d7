#!/usr/bin/env bash
# Full evaluation: runs `whosaid extract` over every shared gold set from scratch and
# prints every figure the issues ask for (../shared/tools/evaluate.py), then the
# textacy baseline on the same dev set for scale. Predictions stay in eval-out/.
#   bash bench/evaluate.sh [--only seeds,dev,nomarks,identity] [--limit N]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" ../shared/tools/evaluate.py --whosaid .venv/bin/whosaid "$@"
if [[ " $* " != *" --only "* ]]; then
  "$PY" bench/baseline_textacy.py ../shared/eval/polnear.dev.jsonl eval-out/textacy.dev.pred.jsonl
  for k in direct ""; do
    echo "textacy   ${k:-all}: $(python3 ../shared/tools/score.py ../shared/eval/polnear.dev.jsonl eval-out/textacy.dev.pred.jsonl $k)"
  done
fi
