#!/usr/bin/env bash
# Re-fetches the minified libraries the offline lesson file inlines (viz/offline.py) into static/vendor/,
# from the npm registry through npm itself, with their licences. Versions live in the file names: change
# them here and in viz/offline.py together.
#   plotly.js-basic-dist-min: the official "basic" bundle (scatter, bar, pie), the same plotly.js version
#     the installed plotly python package bundles (python -c "import plotly.offline as o;
#     print(o.get_plotlyjs_version())"), so the figures it builds draw the same.
#   katex: katex.min.js only; the page asks it for MathML, which the browser draws without KaTeX's fonts/CSS.
# static/ is in .gitignore (the app copies plotly.min.js there at run time): add these with `git add -f`.
set -euo pipefail
cd "$(dirname "$0")/.."
PLOTLY_VERSION=4.1.1
KATEX_VERSION=0.19.1
out=static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
(cd "$tmp" && npm pack --silent "plotly.js-basic-dist-min@$PLOTLY_VERSION" "katex@$KATEX_VERSION" >/dev/null)
mkdir "$tmp/plotly" "$tmp/katex"
tar xzf "$tmp/plotly.js-basic-dist-min-$PLOTLY_VERSION.tgz" -C "$tmp/plotly"
tar xzf "$tmp/katex-$KATEX_VERSION.tgz" -C "$tmp/katex"
# plotly's bundle starts with its own licence header; KaTeX's minified file has none, so one is added
cp "$tmp/plotly/package/plotly-basic.min.js" "$out/plotly-basic-$PLOTLY_VERSION.min.js"
cp "$tmp/plotly/package/LICENSE" "$out/plotly-basic-$PLOTLY_VERSION.LICENSE"
{
  printf '/*! KaTeX v%s | MIT License (c) 2013-2020 Khan Academy and other contributors | https://katex.org */\n' \
    "$KATEX_VERSION"
  cat "$tmp/katex/package/dist/katex.min.js"
} >"$out/katex-$KATEX_VERSION.min.js"
cp "$tmp/katex/package/LICENSE" "$out/katex-$KATEX_VERSION.LICENSE"
ls -l "$out"
