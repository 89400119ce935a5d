// The summary's live word counter (¶38: at most 1,500 words), by the rules
// of sherloc_review/outcomes/words.py: runs of letters, digits and marks
// count one word each ("State's" and "non-punitive" one word), Chinese and
// Japanese characters two words per three characters over the whole text.
// The server's count decides; this one only helps the writer.
(function () {
  "use strict";
  var CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{3134F}]/u;
  var WORDY = /[\p{L}\p{N}\p{M}]/u;
  var JOINERS = "'\u2019-\u2010\u2011";
  var DIGIT_JOINERS = ",.";
  var DIGIT = /\p{Nd}/u;
  var FORMAT = /\p{Cf}/u;

  function wordy(ch) {
    return WORDY.test(ch) && !CJK.test(ch);
  }

  function count(text) {
    var words = 0, cjk = 0, inWord = false;
    var chars = Array.from(text);
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (CJK.test(ch)) {
        cjk += 1;
        inWord = false;
      } else if (wordy(ch)) {
        if (!inWord) { words += 1; }
        inWord = true;
      } else if (JOINERS.indexOf(ch) >= 0 && inWord) {
        inWord = i + 1 < chars.length && wordy(chars[i + 1]);
      } else if (DIGIT_JOINERS.indexOf(ch) >= 0 && inWord) {
        inWord = i > 0 && i + 1 < chars.length &&
          DIGIT.test(chars[i - 1]) && DIGIT.test(chars[i + 1]);
      } else if (FORMAT.test(ch)) {
        continue;
      } else {
        inWord = false;
      }
    }
    return words + Math.ceil(cjk * 2 / 3);
  }

  function setUp(form) {
    var output = document.getElementById(form.getAttribute("data-counter"));
    var max = parseInt(form.getAttribute("data-max"), 10);
    var fields = form.querySelectorAll("textarea[data-counted]");
    var template = output.getAttribute("data-template");
    function update() {
      var text = Array.prototype.map.call(fields, function (f) { return f.value; }).join("\n");
      var n = count(text);
      output.textContent = template.replace("{count}", String(n));
      output.classList.toggle("over", n > max);
      output.setAttribute("data-count", String(n));
    }
    Array.prototype.forEach.call(fields, function (f) {
      f.addEventListener("input", update);
    });
    update();
  }

  document.querySelectorAll("form[data-counter]").forEach(setUp);
  window.sherlocCountWords = count;
}());
