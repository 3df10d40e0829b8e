#!/usr/bin/env bash
# Re-create the vendored browser assets (no CDN: the web app works offline) from pinned npm packages.
# Output: src/sanjeh/web/static/sanjeh/vendor/ — committed, with each package's licence beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=tools/.cache/npm
out=src/sanjeh/web/static/sanjeh/vendor
mkdir -p "$work" "$out"
(cd "$work" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$work" && npm install --silent --no-audit --no-fund \
  vazirmatn@33.0.3 htmx.org@2.0.4 vega@6.4.0 vega-lite@6.4.3 vega-embed@7.3.0 vega-interpreter@2.3.2 @majidh1/jalalidatepicker@0.9.12)
nm="$work/node_modules"
cp "$nm/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2" "$out/Vazirmatn-Variable.woff2"
cp "$nm/vazirmatn/OFL.txt" "$out/Vazirmatn-OFL.txt"
cp "$nm/htmx.org/dist/htmx.min.js" "$out/htmx.min.js"
cp "$nm/htmx.org/LICENSE" "$out/htmx-LICENSE.txt"
cp "$nm/vega/build/vega.min.js" "$out/vega.min.js"
cp "$nm/vega/LICENSE" "$out/vega-LICENSE.txt"
cp "$nm/vega-lite/build/vega-lite.min.js" "$out/vega-lite.min.js"
cp "$nm/vega-lite/LICENSE" "$out/vega-lite-LICENSE.txt"
cp "$nm/vega-embed/build/vega-embed.min.js" "$out/vega-embed.min.js"
cp "$nm/vega-embed/LICENSE" "$out/vega-embed-LICENSE.txt"
# Vega compiles expressions with new Function(); its interpreter evaluates them instead, so the pages'
# Content-Security-Policy needs no 'unsafe-eval'. The package is an ES module over vega-util: rewrite it
# as a classic script over the `vega` global (which exports the same three names).
{
  echo "// vega-interpreter 2.3.2 (BSD-3-Clause), as a classic script over the vega global: Vega's expressions"
  echo "// without new Function(), so the pages' Content-Security-Policy needs no 'unsafe-eval'."
  echo "(function (vega) {"
  sed -e "s/^import { ascending, isString, DisallowedObjectProperties } from 'vega-util';$/const { ascending, isString, DisallowedObjectProperties } = vega;/" \
      -e "s/^export { expression as expressionInterpreter };$/vega.expressionInterpreter = expression;/" \
      "$nm/vega-interpreter/build/vega-interpreter.js"
  echo "})(window.vega);"
} >"$out/vega-interpreter.js"
cp "$nm/vega-interpreter/LICENSE" "$out/vega-interpreter-LICENSE.txt"
cp "$nm/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js" "$out/jalalidatepicker.min.js"
cp "$nm/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css" "$out/jalalidatepicker.min.css"
cp "$nm/@majidh1/jalalidatepicker/LICENSE" "$out/jalalidatepicker-LICENSE.txt"
echo "vendored into $out"
