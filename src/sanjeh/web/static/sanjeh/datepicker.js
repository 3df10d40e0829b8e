// The Jalali date picker on every <input data-jdp> (vendor/jalalidatepicker.min.js, @majidh1/jalalidatepicker
// 0.9.12, MIT). The calendar shows Persian digits and the box keeps them; the picker parses Latin digits only,
// so it opens on the day in `data-jdp-init-date` (Latin, written by the server's JalaliDateInput and kept up
// to date here). The server reads Persian or Latin digits (sanjeh.web.fields).
(function () {
  "use strict";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  function toPersian(text) {
    return text.replace(/[0-9]/g, function (d) { return PERSIAN[Number(d)]; });
  }
  function toLatin(text) {
    return text.replace(/[۰-۹]/g, function (d) { return String(PERSIAN.indexOf(d)); });
  }
  function settle(input) {
    var latin = toLatin(input.value.trim());
    if (/^\d{4}\/\d{2}\/\d{2}$/.test(latin)) { input.setAttribute("data-jdp-init-date", latin); }
    input.value = toPersian(input.value);
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.jalaliDatepicker) { return; }
    document.querySelectorAll("input[data-jdp]").forEach(function (input) {
      input.addEventListener("jdp:change", function () { settle(input); });
      input.addEventListener("change", function () { settle(input); });
    });
    window.jalaliDatepicker.startWatch({
      persianDigits: true,
      autoReadOnlyInput: false,
      showTodayBtn: true,
      showEmptyBtn: true,
      initDate: "attr",
      separatorChars: { date: "/" },
    });
  });
})();
