// Caseload dashboard behaviour. Kept in a static file (no inline scripts) so that a strict
// Content-Security-Policy can be applied.
(function () {
  "use strict";

  // htmx requests that change state carry the CSRF token in a header, read from the page's meta tags.
  document.addEventListener("htmx:configRequest", function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Move keyboard focus into content that htmx swaps in (confirmation panels, refreshed lists),
  // so keyboard and screen-reader users land where the change happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focus = target && target.querySelector ? target.querySelector("[data-autofocus]") : null;
    if (focus) {
      focus.focus();
    }
  });

  // The sign-up page proposes the browser's time zone: a select marked data-propose-browser-zone
  // takes the zone Intl reports, when the list has it. (The attribute is only there on a fresh form,
  // so a form sent back with a problem keeps the person's choice.)
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.querySelector("select[data-propose-browser-zone]");
    if (!select || !window.Intl || !Intl.DateTimeFormat) {
      return;
    }
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (zone && select.querySelector('option[value="' + zone.replace(/"/g, "") + '"]')) {
      select.value = zone;
    }
  });

  // Elements marked data-dismiss empty their closest [data-dismissable] container (e.g. Cancel on
  // an inline confirmation) without a round trip.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-dismiss]") : null;
    if (!button) {
      return;
    }
    var container = button.closest("[data-dismissable]");
    if (container) {
      event.preventDefault();
      container.innerHTML = "";
      var back = document.getElementById(button.getAttribute("data-dismiss"));
      if (back) {
        back.focus();
      }
    }
  });
})();
