// Fills citation access dates with the reader's date (the page shows a placeholder without JavaScript).
(function () {
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var now = new Date();
  var text = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  document.querySelectorAll("[data-access-date]").forEach(function (el) { el.textContent = text; });
})();
