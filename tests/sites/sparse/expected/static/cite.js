// Citations: fills in the reader's access date where a style prints one (the page shows a placeholder
// without JavaScript), shows a Copy button under each formatted citation that copies it, with its
// italics where the clipboard takes HTML, and makes the BibTeX, RIS and CSL-JSON files of the wording
// from the page's one citation record (#cite-record), as builder/cite.py makes them: bibtex, ris and csl
// below are ported from it line for line (tests/test_cite_browser.py holds them equal).
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

  // builder/cite.py, in the browser. The record leaves out empty values: get() reads them as "".
  var BIBTEX_SPECIAL = /([\\{}&%$#_^~])/g;
  var BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  var PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  function get(r, key) { return r[key] || ""; }
  function container(r) { return get(r, "outlet") || r.site; }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function isDay(r) { return r.date.length === 3; }
  function slashed(r) { return r.date.map(function (p, i) { return i ? pad(p, 2) : String(p); }).join("/"); }
  function dateIso(r) {
    var ym = pad(r.date[0], 4) + "-" + pad(r.date[1], 2);
    return isDay(r) ? ym + "-" + pad(r.date[2], 2) : ym;
  }
  function capitalize(text) {
    var chars = Array.from(text);
    return chars.length ? chars[0].toUpperCase() + chars.slice(1).join("").toLowerCase() : "";
  }
  function bibtexEscape(text) { return text.replace(BIBTEX_SPECIAL, "\\$1"); }
  function words(text) { return text.split(PY_WHITESPACE).filter(Boolean).join(" "); }

  function bibtex(r) {
    var author = get(r, "author");
    var version = r.version ? String(r.version) : "";
    var fields = [["author", author ? "{" + bibtexEscape(author) + "}" : ""],
      ["title", bibtexEscape(get(r, "title"))], ["journal", bibtexEscape(container(r))],
      ["year", String(r.date[0])], ["month", BIBTEX_MONTHS[r.date[1] - 1]],
      ["date", dateIso(r)], ["address", bibtexEscape(get(r, "dateline"))],
      ["url", r.permalink], ["language", get(r, "language")], ["version", version],
      ["note", bibtexEscape(capitalize(get(r, "type")) + ". " + (r.version ? get(r, "versionText") + ". " : "") +
                            "Statement ID " + r.id + " in " + r.site)]];
    var body = fields.filter(function (f) { return f[1]; }).map(function (f) {
      return f[0] !== "month" ? "  " + f[0] + " = {" + f[1] + "}" : "  " + f[0] + " = " + f[1];
    }).join(",\n");
    return "@article{stmt-" + r.id + ",\n" + body + "\n}\n";
  }

  function ris(r) {
    var author = get(r, "author");
    var lines = [["TY", "NEWS"]].concat(author ? [["AU", author]] : []);
    lines = lines.concat([["TI", get(r, "title")], ["T2", container(r)], ["PY", String(r.date[0])],
      ["DA", slashed(r) + (isDay(r) ? "" : "//")], ["CY", get(r, "dateline")], ["LA", get(r, "language")],
      ["AB", get(r, "lead")], ["UR", r.permalink], ["ID", r.id], ["DB", r.site], ["ET", get(r, "versionText")]]);
    (r.tags || []).forEach(function (t) { lines.push(["KW", t]); });
    return lines.filter(function (l) { return l[1]; }).map(function (l) {
      return l[0] + "  - " + words(l[1]) + "\r\n";
    }).join("") + "ER  - \r\n";
  }

  function csl(r) {
    var who = get(r, "author") || r.site, outlet = get(r, "outlet"), publisher = get(r, "publisher");
    var record = {"id": r.id, "type": "article-newspaper", "title": get(r, "title"), "author": [{"literal": who}],
      "issued": {"date-parts": [r.date]}, "URL": r.permalink, "language": get(r, "language"), "genre": get(r, "type")};
    var optional = [["container-title", outlet !== who ? outlet : ""],
      ["publisher", publisher !== who && publisher !== outlet ? publisher : ""],
      ["archive", who !== r.site ? r.site : ""], ["event-place", get(r, "dateline")],
      ["abstract", get(r, "lead")], ["version", r.version ? String(r.version) : ""], ["note", get(r, "versionText")]];
    optional.forEach(function (o) { if (o[1]) record[o[0]] = o[1]; });
    return record;
  }

  // builder/jsontext.py: keys sorted, two spaces a level, non-ASCII as it is.
  function pretty(value, step, newline) {
    var inner = newline + step;
    if (Array.isArray(value)) {
      if (!value.length) return "[]";
      return "[" + inner + value.map(function (v) { return pretty(v, step, inner); }).join("," + inner) + newline + "]";
    }
    if (value !== null && typeof value === "object") {
      var keys = Object.keys(value).sort();
      if (!keys.length) return "{}";
      return "{" + inner + keys.map(function (k) {
        return JSON.stringify(k) + ": " + pretty(value[k], step, inner);
      }).join("," + inner) + newline + "}";
    }
    return JSON.stringify(value);
  }

  function cslJson(r) { return pretty([csl(r)], "  ", "\n") + "\n"; }

  var FORMATS = {
    "bib": [bibtex, "application/x-bibtex"],
    "ris": [ris, "application/x-research-info-systems"],
    "csl.json": [cslJson, "application/vnd.citationstyles.csl+json"]
  };

  function save(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  var recordElement = document.getElementById("cite-record");
  var record = recordElement ? JSON.parse(recordElement.textContent) : null;
  document.querySelectorAll("[data-cite-file]").forEach(function (button) {
    var format = FORMATS[button.getAttribute("data-cite-file")];
    if (!record || !format) return;
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      save(record.file + "." + button.getAttribute("data-cite-file"), format[0](record), format[1]);
    });
  });

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
