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
