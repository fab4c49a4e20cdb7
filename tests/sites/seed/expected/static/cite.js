// Citations: fills in the reader's access date where a style prints one (the page shows a placeholder
// without JavaScript), and shows a Copy button under each formatted citation that copies it, with its
// italics where the clipboard takes HTML.
(function () {
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var now = new Date();
  var text = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();
  document.querySelectorAll("[data-access-date]").forEach(function (el) { el.textContent = text; });

  var status = document.querySelector(".cite .copied");

  function say(message) {
    if (status) status.textContent = message;
  }

  function copyBySelection(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = document.execCommand("copy");
    selection.removeAllRanges();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(el) {
    var plain = el.textContent.replace(/\s+/g, " ").trim();
    if (!navigator.clipboard) return copyBySelection(el);
    if (window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/plain": new Blob([plain], {type: "text/plain"}),
        "text/html": new Blob([el.innerHTML], {type: "text/html"})
      });
      return navigator.clipboard.write([item]).catch(function () { return navigator.clipboard.writeText(plain); });
    }
    return navigator.clipboard.writeText(plain);
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      copy(target).then(function () { say("The " + button.getAttribute("data-name") + " citation is copied."); },
                        function () { say("Could not copy: select the citation and copy it by hand."); });
    });
  });
})();
