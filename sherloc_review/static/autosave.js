// The answer form: show the follow-ups the closed answer asks for, and save
// on its own a few seconds after the last change (the server refuses a save
// based on an older revision: then the writer is told and autosave stops).
(function () {
  "use strict";
  var box = document.querySelector("[data-follow-ups]");
  var form = box && box.querySelector("form");
  var status = document.getElementById("autosave");
  if (!form || !status) { return; }
  var when = JSON.parse(box.getAttribute("data-follow-ups") || "{}");
  var revision = form.querySelector("input[name=revision]");
  var timer = null;
  var stopped = false;

  function closed() {
    var chosen = form.querySelector("input[type=radio]:checked");
    return chosen ? chosen.value : "";
  }

  function showFollowUps() {
    Object.keys(when).forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      var item = field && field.closest(".form-group, .field, div");
      if (!item) { return; }
      var asked = when[name].indexOf(closed()) !== -1 || field.value.trim() !== "";
      item.hidden = !asked;
    });
  }

  function say(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  function save() {
    if (stopped) { return; }
    var body = new FormData(form);
    body.append("save", "save");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return [response.status, data]; });
    }).then(function (result) {
      if (result[0] === 200) {
        revision.value = result[1].revision;
        say(status.getAttribute("data-saved-text") + " " + result[1].saved, "saved");
      } else if (result[0] === 409) {
        stopped = true;
        say(status.getAttribute("data-conflict-text"), "error");
      } else {
        say(status.getAttribute("data-failed-text"), "error");
      }
    }).catch(function () {
      say(status.getAttribute("data-failed-text"), "error");
    });
  }

  form.addEventListener("input", function () {
    showFollowUps();
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 3000);
  });
  form.addEventListener("change", showFollowUps);
  form.addEventListener("submit", function () { if (timer) { clearTimeout(timer); } });
  showFollowUps();
}());
