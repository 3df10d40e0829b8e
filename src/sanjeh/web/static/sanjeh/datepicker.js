// The Jalali date picker on every <input data-jdp> (vendor/jalalidatepicker.min.js, @majidh1/jalalidatepicker
// 0.9.12, MIT). The calendar shows Persian digits; a picked day is written back with Persian digits too,
// and the server reads either (sanjeh.web.fields.JalaliDateField).
(function () {
  "use strict";
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  function toPersian(text) {
    return text.replace(/[0-9]/g, function (d) { return PERSIAN[Number(d)]; });
  }
  function toLatin(text) {
    return text.replace(/[۰-۹]/g, function (d) { return String(PERSIAN.indexOf(d)); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.jalaliDatepicker) { return; }
    var inputs = document.querySelectorAll("input[data-jdp]");
    // The picker parses Latin digits: hand it the value that way while it is open.
    inputs.forEach(function (input) {
      input.addEventListener("focus", function () { input.value = toLatin(input.value); }, true);
      input.addEventListener("jdp:change", function () { input.value = toPersian(input.value); });
      input.addEventListener("blur", function () { input.value = toPersian(input.value); });
    });
    window.jalaliDatepicker.startWatch({
      persianDigits: true,
      autoReadOnlyInput: false,
      showTodayBtn: true,
      showEmptyBtn: true,
      separatorChars: { date: "/" },
    });
  });
})();
