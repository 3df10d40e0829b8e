// Draws every Vega-Lite chart of a page: an element with data-vega-spec="ID" gets the spec held in the
// JSON data block #ID (Django's json_script). Loaded as a file, and with Vega's expression interpreter,
// because the pages' Content-Security-Policy allows neither inline script nor eval.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-vega-spec]").forEach(function (target) {
    var source = document.getElementById(target.getAttribute("data-vega-spec"));
    if (!source) {
      return;
    }
    vegaEmbed(target, JSON.parse(source.textContent), {
      actions: false,
      ast: true,
      expr: vega.expressionInterpreter,
      defaultStyle: false, // the tooltip's style is in app.css: CSP refuses injected <style>
      tooltip: {disableDefaultStyle: true},
    });
  });
});
