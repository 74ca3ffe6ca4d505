// Progressive enhancements only: every page works without JavaScript.
(function () {
  "use strict";
  // Wide screens show the facet filters beside the results; phones keep them behind "Filtrer"
  // (CSS does this where ::details-content is supported; this covers the other browsers).
  var wide = window.matchMedia("(min-width: 48em)");
  function showFiltersOnWideScreens() {
    if (!wide.matches) return;
    document.querySelectorAll("details.guichet-filters, details.guichet-backoffice-menu").forEach(function (details) {
      details.open = true;
    });
  }
  document.addEventListener("DOMContentLoaded", showFiltersOnWideScreens);
  document.addEventListener("htmx:afterSettle", showFiltersOnWideScreens);
  wide.addEventListener("change", showFiltersOnWideScreens);
})();

// Tell the editors' statistics which answer a visitor unfolds, from which search and at which
// rank (no personal data). Only a visitor's own click counts, not an answer opened for them.
(function () {
  "use strict";
  if (!navigator.sendBeacon) return;
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("#resultats details.guichet-entry > summary");
    if (!summary) return;
    var details = summary.parentElement;
    if (details.open || details.dataset.reported) return;
    details.dataset.reported = "1";
    var results = document.getElementById("resultats");
    var data = new FormData();
    data.append("slug", details.id.replace(/^entree-/, ""));
    data.append("rang", details.dataset.rang || "");
    data.append("q", results ? results.dataset.q || "" : "");
    navigator.sendBeacon("/ouvertures/", data);
  });
})();
